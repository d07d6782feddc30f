/** mulberry32: a tiny seeded PRNG, so generated corpora are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'to',
  're',
  'mi',
  'su',
  'ne',
  'lo',
  'pa',
  'chi',
  'ste',
  'ing',
  'ion',
  'the',
  'an',
  'er',
];
const EXTRA = ['ü', 'é', '日本', '語', 'ß', '👋', 'b', 'x', 'o', 'a', 'i'];

/**
 * About `chars` characters of made-up prose: a Zipf-like draw from 20,000 pseudo-words (mostly ASCII
 * syllables, a few accented, CJK and emoji pieces), with punctuation, newlines and numbers.
 */
export function generatedText(chars: number, seed = 1): string {
  const rnd = mulberry32(seed);
  const pieces = [...SYLLABLES, ...SYLLABLES, ...EXTRA];
  const lexicon: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    let word = '';
    const n = 1 + Math.floor(rnd() * 4);
    for (let j = 0; j < n; j++) word += pieces[Math.floor(rnd() * pieces.length)];
    lexicon.push(rnd() < 0.1 ? word[0].toUpperCase() + word.slice(1) : word);
  }
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = lexicon[Math.floor(lexicon.length * rnd() ** 2)];
    const r = rnd();
    const sep = r < 0.08 ? '. ' : r < 0.12 ? ',\n' : r < 0.13 ? ` ${Math.floor(rnd() * 1e5)} ` : ' ';
    parts.push(word, sep);
    length += word.length + sep.length;
  }
  return parts.join('');
}

/**
 * Naive byte-level BPE training in the style of minbpe `RegexTokenizer.train`: recount every pair of
 * every chunk before each merge. The reference the incremental trainer must agree with.
 */
export function naiveTrain(text: string, pattern: string, numMerges: number): Array<[number, number]> {
  const encoder = new TextEncoder();
  let chunks = (text.match(new RegExp(pattern, 'gu')) ?? []).map((chunk) =>
    Array.from(encoder.encode(chunk)),
  );
  const merges: Array<[number, number]> = [];
  for (let m = 0; m < numMerges; m++) {
    const counts = new Map<string, number>();
    for (const ids of chunks) {
      for (let i = 0; i + 1 < ids.length; i++) {
        const key = `${ids[i]},${ids[i + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    let best: [number, number] | undefined;
    let bestCount = 0;
    for (const [key, count] of counts) {
      const [a, b] = key.split(',').map(Number);
      if (
        count > bestCount ||
        (count === bestCount && best !== undefined && (a < best[0] || (a === best[0] && b < best[1])))
      ) {
        best = [a, b];
        bestCount = count;
      }
    }
    if (best === undefined) break;
    const [a, b] = best;
    chunks = chunks.map((ids) => {
      const out: number[] = [];
      for (let i = 0; i < ids.length; ) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
          out.push(256 + m);
          i += 2;
        } else out.push(ids[i++]);
      }
      return out;
    });
    merges.push(best);
  }
  return merges;
}

/**
 * English prose for real-text tests: paragraphs written for this package, then two short public-domain
 * openings (Herman Melville, "Moby-Dick", 1851; Jane Austen, "Pride and Prejudice", 1813).
 */
export const ENGLISH = `The old lighthouse stood at the end of the harbour wall, and every evening the keeper climbed its
one hundred and twelve steps to light the lamp. He had done this for thirty-one years. The fishermen said
they could set their clocks by him, though few of them owned a clock, and fewer still would admit it.

When the storm came in the autumn of that year, it came from the west, where storms were not supposed to
come from. The sea rose over the wall. The boats that had stayed out too long fought their way home in the
dark, guided by a single light that swung its slow beam over the water, again and again and again.

"I didn't think he'd make it up the stairs," said the harbour master's daughter the next morning. "The wind
was strong enough to lift a man off his feet." But the keeper had made it, as he always did, and the lamp
had burned all night. Nobody thanked him. Nobody needed to. In a small town, some things are understood.

Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and
nothing particular to interest me on shore, I thought I would sail about a little and see the watery part
of the world.

It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want
of a wife.
`;
