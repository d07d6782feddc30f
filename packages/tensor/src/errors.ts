/** Thrown when a tensor has the wrong shape for an op: `matmul: 'b' must have 3 rows to match 'a' [2, 3], got [4, 5].` */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** Thrown when an argument has a valid shape but an invalid value, option or dtype. */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** Thrown when an index (a dim, a position, a class id) is out of range. */
export class IndexError extends Error {
  override name = 'IndexError';
}
