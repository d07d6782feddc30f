/**
 * How a loss folds its per-element values into the result: `'mean'` averages them (a weighted mean
 * where the loss takes class weights), `'sum'` adds them up and `'none'` returns them unreduced.
 */
export type Reduction = 'mean' | 'sum' | 'none';

/** The option every loss takes. */
export interface ReductionOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}
