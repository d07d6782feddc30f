import {
  type Generator,
  linear,
  relu,
  ShapeError,
  sigmoid,
  Tensor,
  tanh,
  ValueError,
  zeros,
} from '@llm/tensor';
import { uniform } from '../init';
import { Parameter } from '../parameter';

/** The four tensors of one recurrent layer and direction. */
export interface CellWeights {
  wIh: Tensor;
  wHh: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
}

/** One time step: `xp` is the input projection x W_ih^T + b_ih (B, G*H); `state[0]` is h (B, H). */
export type Step = (xp: Tensor, state: Tensor[], w: CellWeights) => Tensor[];

export type CellKind = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** Rows of weight_ih per hidden unit: one block per gate, in PyTorch's gate order. */
export const GATES: Record<CellKind, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

function hiddenProjection(h: Tensor, w: CellWeights): Tensor {
  return linear(h, w.wHh, w.bHh);
}

// h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)
const rnnTanhStep: Step = (xp, [h], w) => [tanh(xp.add(hiddenProjection(h, w)))];
const rnnReluStep: Step = (xp, [h], w) => [relu(xp.add(hiddenProjection(h, w)))];

// Gates i, f, g, o: c' = f * c + i * g, h' = o * tanh(c').
const lstmStep: Step = (xp, [h, c], w) => {
  const [i, f, g, o] = xp.add(hiddenProjection(h, w)).chunk(4, -1);
  const cNext = sigmoid(f)
    .mul(c)
    .add(sigmoid(i).mul(tanh(g)));
  return [sigmoid(o).mul(tanh(cNext)), cNext];
};

// Gates r, z, n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h.
const gruStep: Step = (xp, [h], w) => {
  const [xr, xz, xn] = xp.chunk(3, -1);
  const [hr, hz, hn] = hiddenProjection(h, w).chunk(3, -1);
  const r = sigmoid(xr.add(hr));
  const z = sigmoid(xz.add(hz));
  const n = tanh(xn.add(r.mul(hn)));
  return [z.neg().add(1).mul(n).add(z.mul(h))];
};

export const STEPS: Record<CellKind, Step> = {
  RNN_TANH: rnnTanhStep,
  RNN_RELU: rnnReluStep,
  LSTM: lstmStep,
  GRU: gruStep,
};

/** The input projection x W_ih^T + b_ih of one step. */
export function inputProjection(x: Tensor, w: CellWeights): Tensor {
  return linear(x, w.wIh, w.bIh);
}

/** A parameter of `shape` drawn from U(-1/sqrt(hidden), 1/sqrt(hidden)), PyTorch's RNN init. */
export function recurrentParameter(shape: number[], hiddenSize: number, generator?: Generator): Parameter {
  const bound = 1 / Math.sqrt(hiddenSize);
  return new Parameter(uniform(zeros(shape), -bound, bound, { generator }));
}

export function checkSize(owner: string, name: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) <= 0) {
    throw new ValueError(`${owner}: '${name}' must be a positive integer, got ${String(value)}.`);
  }
  return value as number;
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function checkFloatInput(op: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError(`${op}: '${name}' must be a Tensor.`);
  const t = x;
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new ValueError(`${op}: '${name}' must be a float tensor, got dtype ${t.dtype}.`);
  }
  return t;
}

export function expectShape(op: string, name: string, t: Tensor, shape: readonly number[]): void {
  if (t.shape.join() !== shape.join()) {
    throw new ShapeError(`${op}: '${name}' must have shape ${shapeText(shape)}, got ${shapeText(t.shape)}.`);
  }
}
