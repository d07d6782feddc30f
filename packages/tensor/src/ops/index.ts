// Internal barrel: the Tensor class imports every op from here to offer them as methods.

export { fullLike, onesLike, zerosLike } from '../creation';
export * from './activation';
export * from './elementwise';
export * from './indexing';
export * from './matmul';
export * from './normalization';
export * from './reduce';
export * from './shape';
export * from './softmax';
export * from './util';
