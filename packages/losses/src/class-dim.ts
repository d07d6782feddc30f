/**
 * Which dim of the input holds the classes: 1 is PyTorch's `[N, C, d1, ...]`, -1 the `[B, T, C]`
 * layout language-model code writes.
 */
export type ClassDim = 1 | -1;
