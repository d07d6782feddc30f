import { type Generator, ShapeError, type Tensor, ValueError, zeros } from '@llm/tensor';
import {
  type CellKind,
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

export interface RNNCellOptions {
  /** Learn `bias_ih` and `bias_hh` (default true). */
  bias?: boolean;
  generator?: Generator;
}

/** One time step of RNN, LSTM or GRU, with PyTorch's cell parameter names (`weight_ih`, `bias_hh`, ...). */
abstract class CellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null = null;
  bias_hh: Parameter | null = null;
  readonly #kind: CellKind;

  constructor(kind: CellKind, inputSize: number, hiddenSize: number, options: RNNCellOptions) {
    super();
    const owner = new.target.name;
    this.inputSize = checkSize(owner, 'inputSize', inputSize);
    this.hiddenSize = checkSize(owner, 'hiddenSize', hiddenSize);
    this.#kind = kind;
    const G = GATES[kind] * hiddenSize;
    this.weight_ih = recurrentParameter([G, inputSize], hiddenSize, options.generator);
    this.weight_hh = recurrentParameter([G, hiddenSize], hiddenSize, options.generator);
    if (options.bias ?? true) {
      this.bias_ih = recurrentParameter([G], hiddenSize, options.generator);
      this.bias_hh = recurrentParameter([G], hiddenSize, options.generator);
    }
  }

  /** `input` (N, inputSize) or unbatched (inputSize); each state (N, hiddenSize) or (hiddenSize), zeros when omitted. */
  protected step(input: Tensor, initial: readonly (Tensor | undefined)[], names: string[]): Tensor[] {
    const op = `${this.constructor.name}.forward`;
    checkFloatInput(op, 'input', input);
    if ((input.ndim !== 1 && input.ndim !== 2) || input.shape[input.ndim - 1] !== this.inputSize) {
      throw new ShapeError(
        `${op}: 'input' must be (N, ${this.inputSize}) or unbatched (${this.inputSize}), got ${shapeText(input.shape)}.`,
      );
    }
    const batched = input.ndim === 2;
    const x = batched ? input : input.unsqueeze(0);
    const stateShape = batched ? [x.shape[0], this.hiddenSize] : [this.hiddenSize];
    const state = names.map((name, k) => {
      const s = initial[k];
      if (s === undefined || s === null) return zeros([x.shape[0], this.hiddenSize], { dtype: input.dtype });
      checkFloatInput(op, name, s);
      expectShape(op, name, s, stateShape);
      return batched ? s : s.unsqueeze(0);
    });
    const w = { wIh: this.weight_ih, wHh: this.weight_hh, bIh: this.bias_ih, bHh: this.bias_hh };
    const next = STEPS[this.#kind](inputProjection(x, w), state, w);
    return batched ? next : next.map((s) => s.squeeze(0));
  }

  protected override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias_ih ? '' : ', bias=false'}`;
  }
}

/** One Elman RNN step, like `torch.nn.RNNCell`: h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (or relu). */
export class RNNCell extends CellBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(
    inputSize: number,
    hiddenSize: number,
    options: RNNCellOptions & { nonlinearity?: 'tanh' | 'relu' } = {},
  ) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
      throw new ValueError(`RNNCell: 'nonlinearity' must be 'tanh' or 'relu', got ${String(nonlinearity)}.`);
    }
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', inputSize, hiddenSize, options);
    this.nonlinearity = nonlinearity;
  }

  forward(input: Tensor, hx?: Tensor): Tensor {
    return this.step(input, [hx], ['hx'])[0];
  }
}

/** One LSTM step, like `torch.nn.LSTMCell`: `forward(x, [h, c]) -> [h', c']`, gates i, f, g, o. */
export class LSTMCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    super('LSTM', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, state?: readonly [h: Tensor, c: Tensor]): [h: Tensor, c: Tensor] {
    if (state !== undefined && (!Array.isArray(state) || state.length !== 2)) {
      throw new ValueError('LSTMCell.forward: the state must be a pair [h, c].');
    }
    const [h, c] = this.step(input, state ?? [], ['h', 'c']);
    return [h, c];
  }
}

/** One GRU step, like `torch.nn.GRUCell`: gates r, z, n; h' = (1 - z) * n + z * h. */
export class GRUCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    super('GRU', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, hx?: Tensor): Tensor {
    return this.step(input, [hx], ['hx'])[0];
  }
}
