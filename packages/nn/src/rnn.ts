import { cat, type Generator, ShapeError, stack, type Tensor, ValueError, zeros } from '@llm/tensor';
import { dropout } from './dropout';
import {
  type CellKind,
  type CellWeights,
  checkFloatInput,
  checkSize,
  expectShape,
  GATES,
  inputProjection,
  recurrentParameter,
  STEPS,
  shapeText,
} from './internal/recurrent';
import { Module } from './module';
import type { Parameter } from './parameter';

export interface RNNOptions {
  /** Stacked recurrent layers; layer k > 0 reads the outputs of layer k - 1 (default 1). */
  numLayers?: number;
  /** Learn `bias_ih` and `bias_hh` (default true). */
  bias?: boolean;
  /** Input and output are (N, L, H) instead of (L, N, H); the state stays (D * numLayers, N, H) (default false). */
  batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training mode (default 0). */
  dropout?: number;
  /** Also run over the reversed sequence and concatenate both directions' outputs (default false). */
  bidirectional?: boolean;
  /** Random source for the init and for dropout; the default generator when omitted. */
  generator?: Generator;
}

export interface ElmanRNNOptions extends RNNOptions {
  /** h' = nonlinearity(W_ih x + b_ih + W_hh h + b_hh) (default 'tanh'). */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * The shared body of RNN, LSTM and GRU: multi-layer, optionally bidirectional, with PyTorch's
 * parameter names (`weight_ih_l0`, `bias_hh_l1_reverse`, ...) as fields so state dicts interchange.
 */
abstract class RecurrentBase extends Module {
  /** `weight_ih_l{k}[_reverse]` [G * hiddenSize, in] and `weight_hh_l{k}[_reverse]` [G * hiddenSize, hiddenSize]. */
  [weight: `weight_${'ih' | 'hh'}_l${number}${'' | '_reverse'}`]: Parameter;
  /** `bias_ih_l{k}[_reverse]` and `bias_hh_l{k}[_reverse]` [G * hiddenSize] (absent with `bias: false`). */
  [bias: `bias_${'ih' | 'hh'}_l${number}${'' | '_reverse'}`]: Parameter;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly #kind: CellKind;
  readonly #hasBias: boolean;
  readonly #generator: Generator | undefined;

  constructor(kind: CellKind, inputSize: number, hiddenSize: number, options: RNNOptions) {
    super();
    const owner = new.target.name;
    this.inputSize = checkSize(owner, 'inputSize', inputSize);
    this.hiddenSize = checkSize(owner, 'hiddenSize', hiddenSize);
    this.numLayers = checkSize(owner, 'numLayers', options.numLayers ?? 1);
    const p = options.dropout ?? 0;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ValueError(`${owner}: 'dropout' must be in [0, 1], got ${String(p)}.`);
    }
    this.dropout = p;
    this.batchFirst = options.batchFirst ?? false;
    this.bidirectional = options.bidirectional ?? false;
    this.#kind = kind;
    this.#hasBias = options.bias ?? true;
    this.#generator = options.generator;
    const G = GATES[kind] * hiddenSize;
    const D = this.bidirectional ? 2 : 1;
    const fields = this as unknown as Record<string, Parameter>;
    // Registration order matches PyTorch's: per layer, per direction, w_ih, w_hh, b_ih, b_hh.
    for (let layer = 0; layer < this.numLayers; layer++) {
      const layerInput = layer === 0 ? inputSize : hiddenSize * D;
      for (let dir = 0; dir < D; dir++) {
        const sfx = suffix(layer, dir);
        fields[`weight_ih${sfx}`] = recurrentParameter([G, layerInput], hiddenSize, options.generator);
        fields[`weight_hh${sfx}`] = recurrentParameter([G, hiddenSize], hiddenSize, options.generator);
        if (this.#hasBias) {
          fields[`bias_ih${sfx}`] = recurrentParameter([G], hiddenSize, options.generator);
          fields[`bias_hh${sfx}`] = recurrentParameter([G], hiddenSize, options.generator);
        }
      }
    }
  }

  /** Whether the layers have `bias_ih` / `bias_hh`. */
  get bias(): boolean {
    return this.#hasBias;
  }

  /** Looked up by name on every call, so a replaced field (`rnn.weight_hh_l0 = ...`) is used. */
  #weights(layer: number, dir: number): CellWeights {
    const fields = this as unknown as Record<string, Tensor | null | undefined>;
    const sfx = suffix(layer, dir);
    return {
      wIh: fields[`weight_ih${sfx}`]!,
      wHh: fields[`weight_hh${sfx}`]!,
      bIh: fields[`bias_ih${sfx}`] ?? null,
      bHh: fields[`bias_hh${sfx}`] ?? null,
    };
  }

  /**
   * Runs the stack over `input` (L, N, inputSize), (N, L, inputSize) with `batchFirst`, or unbatched
   * (L, inputSize), from `initial` states of shape (D * numLayers, N, hiddenSize) each (zeros when
   * omitted). Returns the last layer's outputs (L, N, D * hiddenSize) and the final states.
   */
  protected run(input: Tensor, initial: readonly (Tensor | undefined)[], stateNames: string[]) {
    const op = `${this.constructor.name}.forward`;
    checkFloatInput(op, 'input', input);
    const layout = this.batchFirst ? '(N, L, H_in)' : '(L, N, H_in)';
    if (input.ndim !== 2 && input.ndim !== 3) {
      throw new ShapeError(
        `${op}: 'input' must be ${layout} or unbatched (L, H_in) with H_in = ${this.inputSize}, got ${shapeText(input.shape)}.`,
      );
    }
    if (input.shape[input.ndim - 1] !== this.inputSize) {
      throw new ShapeError(
        `${op}: 'input' must have ${this.inputSize} features in its last dim, got ${shapeText(input.shape)}.`,
      );
    }
    const batched = input.ndim === 3;
    let x = batched ? (this.batchFirst ? input.transpose(0, 1) : input) : input.unsqueeze(1); // (L, N, H_in)
    const [T, B] = x.shape;
    if (T === 0)
      throw new ShapeError(`${op}: 'input' must hold at least one time step, got ${shapeText(input.shape)}.`);
    const D = this.bidirectional ? 2 : 1;
    const H = this.hiddenSize;
    const stateShape = batched ? [D * this.numLayers, B, H] : [D * this.numLayers, H];
    const states = stateNames.map((name, k) => {
      const s = initial[k];
      if (s === undefined || s === null) return zeros([D * this.numLayers, B, H], { dtype: input.dtype });
      checkFloatInput(op, name, s);
      expectShape(op, name, s, stateShape);
      return batched ? s : s.unsqueeze(1);
    });
    const perLayer = states.map((s) => s.split(1, 0).map((p) => p.squeeze(0))); // each (N, H)
    const finals: Tensor[][] = stateNames.map(() => []);
    const step = STEPS[this.#kind];
    // The sequence stays a list of (N, features) steps between layers: slicing one stacked tensor per
    // step would cost O(L^2) in the backward pass (every slice's gradient is padded to full size).
    let seq = x.split(1, 0).map((p) => p.squeeze(0));
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outputs: Tensor[][] = [];
      for (let dir = 0; dir < D; dir++) {
        const w = this.#weights(layer, dir);
        let state = perLayer.map((list) => list[layer * D + dir]);
        const hs = new Array<Tensor>(T);
        for (let s = 0; s < T; s++) {
          const t = dir === 0 ? s : T - 1 - s;
          state = step(inputProjection(seq[t], w), state, w);
          hs[t] = state[0];
        }
        outputs.push(hs);
        for (let k = 0; k < state.length; k++) finals[k].push(state[k]);
      }
      seq = D === 1 ? outputs[0] : outputs[0].map((h, t) => cat([h, outputs[1][t]], 1));
      if (this.dropout > 0 && layer + 1 < this.numLayers) {
        seq = seq.map((h) => dropout(h, this.dropout, this.training, this.#generator));
      }
    }
    x = stack(seq, 0); // (L, N, D * H)
    const output = batched ? (this.batchFirst ? x.transpose(0, 1) : x) : x.squeeze(1);
    const last = finals.map((list) => {
      const s = stack(list, 0); // (D * numLayers, N, H)
      return batched ? s : s.squeeze(1);
    });
    return { output, states: last };
  }

  protected override extraRepr(): string {
    const parts = [`${this.inputSize}, ${this.hiddenSize}`];
    if (this.numLayers !== 1) parts.push(`numLayers=${this.numLayers}`);
    if (!this.#hasBias) parts.push('bias=false');
    if (this.batchFirst) parts.push('batchFirst=true');
    if (this.dropout) parts.push(`dropout=${this.dropout}`);
    if (this.bidirectional) parts.push('bidirectional=true');
    return parts.join(', ');
  }
}

function suffix(layer: number, dir: number): string {
  return `_l${layer}${dir === 1 ? '_reverse' : ''}`;
}

/**
 * An Elman RNN, like `torch.nn.RNN`: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) (or relu).
 * Shapes: input (L, N, inputSize) ((N, L, inputSize) with `batchFirst`, or unbatched (L, inputSize)),
 * h0 (D * numLayers, N, hiddenSize) -> [output (L, N, D * hiddenSize), hN (D * numLayers, N, hiddenSize)].
 * Weights are `weight_ih_l{k}` [hiddenSize, in], `weight_hh_l{k}` [hiddenSize, hiddenSize] and the
 * biases, initialised U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)).
 */
export class RNN extends RecurrentBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: ElmanRNNOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
      throw new ValueError(`RNN: 'nonlinearity' must be 'tanh' or 'relu', got ${String(nonlinearity)}.`);
    }
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', inputSize, hiddenSize, options);
    this.nonlinearity = nonlinearity;
  }

  forward(input: Tensor, h0?: Tensor): [output: Tensor, hN: Tensor] {
    const { output, states } = this.run(input, [h0], ['h0']);
    return [output, states[0]];
  }

  protected override extraRepr(): string {
    return `${super.extraRepr()}${this.nonlinearity === 'relu' ? ", nonlinearity='relu'" : ''}`;
  }
}

/**
 * Long short-term memory (Hochreiter & Schmidhuber, 1997), like `torch.nn.LSTM`, with gates i, f, g, o
 * stacked in that order in `weight_ih_l{k}` [4 * hiddenSize, in]:
 * c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t). Shapes as `RNN`, with a cell state beside h:
 * `forward(input, [h0, c0]) -> [output, [hN, cN]]`.
 */
export class LSTM extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super('LSTM', inputSize, hiddenSize, options);
  }

  forward(
    input: Tensor,
    state?: readonly [h0: Tensor, c0: Tensor],
  ): [output: Tensor, state: [hN: Tensor, cN: Tensor]] {
    if (state !== undefined && (!Array.isArray(state) || state.length !== 2)) {
      throw new ValueError('LSTM.forward: the initial state must be a pair [h0, c0].');
    }
    const { output, states } = this.run(input, state ?? [], ['h0', 'c0']);
    return [output, [states[0], states[1]]];
  }
}

/**
 * Gated recurrent unit (Cho et al., 2014, https://arxiv.org/abs/1406.1078), like `torch.nn.GRU`, with
 * gates r, z, n stacked in that order: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)),
 * h_t = (1 - z) * n + z * h_{t-1}. Shapes as `RNN`.
 */
export class GRU extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super('GRU', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, h0?: Tensor): [output: Tensor, hN: Tensor] {
    const { output, states } = this.run(input, [h0], ['h0']);
    return [output, states[0]];
  }
}
