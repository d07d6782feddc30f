import type { Backend } from '../../backend';
import type { TypedArray } from '../../dtype';
import { binary, cast, clamp, unary, where } from './elementwise';
import { layerNorm, layerNormBackward, layerNormParamGrad } from './layer-norm';
import { matmul } from './matmul';
import { concat, expand, gather, indexSelect, pad, permute, scatterAdd, slice } from './movement';
import { reduce, softmax } from './reduce';

/** The plain-JS reference backend: data lives in typed arrays; every other backend is checked against it. */
export const cpuBackend: Backend = {
  name: 'cpu',
  upload: (data) => data,
  download: (data) => data as TypedArray,
  kernels: {
    unary,
    clamp,
    binary,
    where,
    cast,
    reduce,
    matmul,
    softmax,
    permute,
    expand,
    slice,
    pad,
    concat,
    gather,
    scatterAdd,
    indexSelect,
    layerNorm,
    layerNormBackward,
    layerNormParamGrad,
  },
};
