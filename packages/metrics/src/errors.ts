/**
 * Thrown when two inputs that must line up do not: lengths, row widths, numbers of references.
 * The message names the function, the argument, what was expected and what was given.
 */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/**
 * Thrown when an input has the right shape but a value the metric cannot use: an unknown option,
 * a probability outside [0, 1], a non-finite number, a single class where two are needed.
 */
export class ValueError extends Error {
  override name = 'ValueError';
}
