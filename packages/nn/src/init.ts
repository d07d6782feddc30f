import { type Generator, noGrad, rand, randn, type Tensor, ValueError } from '@llm/tensor';

// Weight initialisation, in place, like torch.nn.init: each function overwrites `tensor` and returns it.

export interface InitOptions {
  /** Random source; the default generator (seeded by `manualSeed`) when omitted. */
  generator?: Generator;
}

export type Nonlinearity = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'selu';

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new ValueError(`calculateGain: unknown nonlinearity '${String(nonlinearity)}'.`);
  }
}

/** fanIn and fanOut of a weight: [out, in, ...kernel] as PyTorch lays weights out. */
export function fans(tensor: Tensor): { fanIn: number; fanOut: number } {
  if (tensor.ndim < 2) {
    throw new ValueError(
      `init: fan in and fan out need a tensor with at least 2 dims, got [${tensor.shape.join(', ')}].`,
    );
  }
  const receptive = tensor.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: tensor.shape[1] * receptive, fanOut: tensor.shape[0] * receptive };
}

/** Fills with U(low, high). */
export function uniform(tensor: Tensor, low = 0, high = 1, options: InitOptions = {}): Tensor {
  return noGrad(() =>
    tensor.assign(
      rand([...tensor.shape], { generator: options.generator })
        .mul(high - low)
        .add(low),
    ),
  );
}

/** Fills with N(mean, std^2). */
export function normal(tensor: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  return noGrad(() =>
    tensor.assign(
      randn([...tensor.shape], { generator: options.generator })
        .mul(std)
        .add(mean),
    ),
  );
}

export function constant(tensor: Tensor, value: number): Tensor {
  return noGrad(() => tensor.assign(value));
}

export const zeros = (tensor: Tensor): Tensor => constant(tensor, 0);
export const ones = (tensor: Tensor): Tensor => constant(tensor, 1);

/** Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut)). */
export function xavierUniform(tensor: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(tensor);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(tensor, -a, a, options);
}

/** Glorot normal: N(0, std^2) with std = gain * sqrt(2 / (fanIn + fanOut)). */
export function xavierNormal(tensor: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(tensor);
  return normal(tensor, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), options);
}

export interface KaimingOptions extends InitOptions {
  /** Negative slope for leaky ReLU (PyTorch's `a`). Default 0. */
  a?: number;
  mode?: 'fanIn' | 'fanOut';
  nonlinearity?: Nonlinearity;
}

function kaimingStd(tensor: Tensor, options: KaimingOptions): number {
  const { fanIn, fanOut } = fans(tensor);
  const fan = (options.mode ?? 'fanIn') === 'fanIn' ? fanIn : fanOut;
  return calculateGain(options.nonlinearity ?? 'leakyRelu', options.a ?? 0) / Math.sqrt(fan);
}

/** He uniform: U(-b, b) with b = gain * sqrt(3 / fan). */
export function kaimingUniform(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(tensor, options);
  return uniform(tensor, -bound, bound, options);
}

/** He normal: N(0, (gain / sqrt(fan))^2). */
export function kaimingNormal(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  return normal(tensor, 0, kaimingStd(tensor, options), options);
}
