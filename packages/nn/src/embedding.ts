import { arange, type Generator, IndexError, randn, type Tensor, ValueError, where } from '@llm/tensor';
import { Module } from './module';
import { Parameter } from './parameter';

export interface EmbeddingOptions {
  /** Row that is initialised to zeros and never receives a gradient (a padding token). */
  paddingIdx?: number;
  generator?: Generator;
}

/**
 * A lookup table of `numEmbeddings` vectors of size `embeddingDim`, like `torch.nn.Embedding`.
 * Shapes: int32 ids (...) -> (..., embeddingDim). Initialised N(0, 1).
 */
export class Embedding extends Module {
  weight: Parameter;
  readonly paddingIdx: number | null;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: EmbeddingOptions = {},
  ) {
    super();
    if (!Number.isInteger(numEmbeddings) || numEmbeddings <= 0) {
      throw new ValueError(`Embedding: 'numEmbeddings' must be a positive integer, got ${numEmbeddings}.`);
    }
    if (!Number.isInteger(embeddingDim) || embeddingDim <= 0) {
      throw new ValueError(`Embedding: 'embeddingDim' must be a positive integer, got ${embeddingDim}.`);
    }
    let pad = options.paddingIdx ?? null;
    if (pad !== null) {
      if (!Number.isInteger(pad) || pad < -numEmbeddings || pad >= numEmbeddings) {
        throw new ValueError(
          `Embedding: 'paddingIdx' must be in [${-numEmbeddings}, ${numEmbeddings - 1}], got ${pad}.`,
        );
      }
      if (pad < 0) pad += numEmbeddings;
    }
    this.paddingIdx = pad;
    let w = randn([numEmbeddings, embeddingDim], { generator: options.generator });
    if (pad !== null)
      w = w.maskedFill(arange(numEmbeddings, undefined, 1, { dtype: 'int32' }).eq(pad).unsqueeze(1), 0);
    this.weight = new Parameter(w);
  }

  forward(ids: Tensor): Tensor {
    if (ids.dtype !== 'int32')
      throw new ValueError(`Embedding.forward: 'input' must be int32 token ids, got ${ids.dtype}.`);
    const flat = ids.reshape(-1);
    const data = flat.data;
    for (let i = 0; i < data.length; i++) {
      if (data[i] < 0 || data[i] >= this.numEmbeddings) {
        throw new IndexError(
          `Embedding.forward: id ${data[i]} is out of range for ${this.numEmbeddings} embeddings.`,
        );
      }
    }
    let out = this.weight.indexSelect(0, flat); // (N, D)
    // The padding row keeps its value (a loaded checkpoint may hold anything there) but gets no gradient.
    if (this.paddingIdx !== null) out = where(flat.ne(this.paddingIdx).unsqueeze(1), out, out.detach());
    return out.reshape([...ids.shape, this.embeddingDim]);
  }

  protected override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, paddingIdx=${this.paddingIdx}` : ''}`;
  }
}
