/**
 * A binary max-heap of `(count, pair)` entries ordered by count, then by the smaller pair key, so the
 * pick among equally frequent pairs never depends on insertion order. Entries go stale when a count
 * changes; the trainer skips them on pop (lazy deletion) instead of updating in place.
 */
class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  private above(i: number, j: number): boolean {
    const ci = this.counts[i];
    const cj = this.counts[j];
    return ci > cj || (ci === cj && this.keys[i] < this.keys[j]);
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i];
    this.counts[i] = this.counts[j];
    this.counts[j] = c;
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  topCount(): number {
    return this.counts[0];
  }

  topKey(): number {
    return this.keys[0];
  }

  pop(): void {
    const last = this.keys.length - 1;
    this.swap(0, last);
    this.counts.pop();
    this.keys.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < last && this.above(left, best)) best = left;
      if (right < last && this.above(right, best)) best = right;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
  }
}

/**
 * Learns up to `numMerges` byte-pair merges from pre-split chunks and their counts. Merge `i` joins the
 * most frequent adjacent pair (ties: the smaller first id, then the smaller second id) into id `256 + i`.
 * Pair counts are updated incrementally: each merge revisits only the chunks that contain its pair.
 * Returns the merged pairs in order; fewer than `numMerges` when no pair is left.
 */
export function trainMerges(
  chunks: ReadonlyMap<string, number>,
  numMerges: number,
  onProgress?: (merged: number, total: number) => void,
): Array<[number, number]> {
  // Pair keys are `left * stride + right`; every id stays below `stride`.
  const stride = 256 + numMerges;
  const encoder = new TextEncoder();
  const words: number[][] = [];
  const freqs: number[] = [];
  for (const [chunk, count] of chunks) {
    const bytes = encoder.encode(chunk);
    if (bytes.length < 2) continue;
    words.push(Array.from(bytes));
    freqs.push(count);
  }

  const counts = new Map<number, number>();
  // For each pair, the chunks that may contain it (a superset: lists are appended to, never pruned).
  const chunksWith = new Map<number, number[]>();
  const note = (key: number, w: number) => {
    const list = chunksWith.get(key);
    if (list === undefined) chunksWith.set(key, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const f = freqs[w];
    for (let i = 0; i + 1 < word.length; i++) {
      const key = word[i] * stride + word[i + 1];
      counts.set(key, (counts.get(key) ?? 0) + f);
      note(key, w);
    }
  }
  const heap = new PairHeap();
  for (const [key, count] of counts) heap.push(count, key);

  const merges: Array<[number, number]> = [];
  const visited = new Int32Array(words.length).fill(-1);
  for (let m = 0; m < numMerges; m++) {
    while (heap.size > 0 && counts.get(heap.topKey()) !== heap.topCount()) heap.pop();
    if (heap.size === 0) break;
    const best = heap.topKey();
    heap.pop();
    const a = Math.floor(best / stride);
    const b = best - a * stride;
    const newId = 256 + m;
    merges.push([a, b]);

    const delta = new Map<number, number>();
    const add = (key: number, d: number) => delta.set(key, (delta.get(key) ?? 0) + d);
    for (const w of chunksWith.get(best)!) {
      if (visited[w] === m) continue;
      visited[w] = m;
      const word = words[w];
      const merged: number[] = [];
      for (let i = 0; i < word.length; ) {
        if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
          merged.push(newId);
          i += 2;
        } else {
          merged.push(word[i]);
          i += 1;
        }
      }
      if (merged.length === word.length) continue;
      const f = freqs[w];
      for (let i = 0; i + 1 < word.length; i++) add(word[i] * stride + word[i + 1], -f);
      for (let i = 0; i + 1 < merged.length; i++) {
        const key = merged[i] * stride + merged[i + 1];
        add(key, f);
        if (merged[i] === newId || merged[i + 1] === newId) note(key, w);
      }
      words[w] = merged;
    }
    chunksWith.delete(best);
    for (const [key, d] of delta) {
      if (d === 0) continue;
      const count = (counts.get(key) ?? 0) + d;
      if (count > 0) {
        counts.set(key, count);
        heap.push(count, key);
      } else {
        counts.delete(key);
        chunksWith.delete(key);
      }
    }
    onProgress?.(m + 1, numMerges);
  }
  return merges;
}
