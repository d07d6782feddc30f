/**
 * Applies merges to the ids of one chunk by rank, lowest rank first, like minbpe's `encode`: find the
 * adjacent pair with the lowest rank, merge all its occurrences left to right, repeat until no pair has a
 * rank. `ranks` maps `left * stride + right` to the rank, `mergedIds[rank]` is the id it produces.
 * Works in place and returns the shortened array.
 */
export function applyMerges(
  ids: number[],
  ranks: ReadonlyMap<number, number>,
  mergedIds: readonly number[],
  stride: number,
): number[] {
  let length = ids.length;
  while (length >= 2) {
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < length; i++) {
      const rank = ranks.get(ids[i] * stride + ids[i + 1]);
      if (rank !== undefined && rank < bestRank) bestRank = rank;
    }
    if (bestRank === Number.POSITIVE_INFINITY) break;
    const newId = mergedIds[bestRank];
    let write = 0;
    for (let read = 0; read < length; ) {
      if (read + 1 < length && ranks.get(ids[read] * stride + ids[read + 1]) === bestRank) {
        ids[write++] = newId;
        read += 2;
      } else {
        ids[write++] = ids[read++];
      }
    }
    length = write;
  }
  ids.length = length;
  return ids;
}
