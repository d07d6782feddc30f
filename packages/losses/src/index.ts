// @llm/losses: the public surface. Every loss is a pure function `(input, target, options) => Tensor`
// with `reduction` among its options; `modules.ts` wraps each in a thin class.

export type { ClassDim } from './class-dim';
// Classification
export { type BceLossOptions, bceLoss } from './classification/bce-loss';
export { type BceWithLogitsLossOptions, bceWithLogitsLoss } from './classification/bce-with-logits-loss';
export { type CrossEntropyOptions, crossEntropy } from './classification/cross-entropy';
export { exponentialLoss } from './classification/exponential-loss';
export { type FocalLossOptions, focalLoss } from './classification/focal-loss';
export { type HingeEmbeddingLossOptions, hingeEmbeddingLoss } from './classification/hinge-embedding-loss';
export { type HingeLossOptions, hingeLoss } from './classification/hinge-loss';
export { type MultiMarginLossOptions, multiMarginLoss } from './classification/multi-margin-loss';
export {
  type MultilabelSoftMarginLossOptions,
  multilabelSoftMarginLoss,
} from './classification/multilabel-soft-margin-loss';
export { type NllLossOptions, nllLoss } from './classification/nll-loss';
export { softMarginLoss } from './classification/soft-margin-loss';
export { squaredHingeLoss } from './classification/squared-hinge-loss';
// Distributions and distillation
export { type DistillationLossOptions, distillationLoss } from './distribution/distillation-loss';
export { type ElboLossOptions, elboLoss } from './distribution/elbo-loss';
export { gaussianKl } from './distribution/gaussian-kl';
export { type KlDivOptions, klDiv } from './distribution/kl-div';
// Language modelling
export { type CausalLmLossOptions, causalLmLoss } from './language-modeling/causal-lm-loss';
export { type MaskedLmLossOptions, maskedLmLoss } from './language-modeling/masked-lm-loss';
export { perPositionLoss } from './language-modeling/per-position-loss';
export { type PerTokenLossOptions, perTokenLoss } from './language-modeling/per-token-loss';
export { perplexity } from './language-modeling/perplexity';
export { type Seq2seqLossOptions, seq2seqLoss } from './language-modeling/seq2seq-loss';
// Class wrappers
export {
  BceLoss,
  BceWithLogitsLoss,
  BradleyTerryLoss,
  CausalLmLoss,
  ContrastiveLoss,
  CosineEmbeddingLoss,
  CrossEntropyLoss,
  DistillationLoss,
  DpoLoss,
  ElboLoss,
  ExponentialLoss,
  FocalLoss,
  GaussianKlLoss,
  GaussianNllLoss,
  HingeEmbeddingLoss,
  HingeLoss,
  HuberLoss,
  InfoNceLoss,
  KlDivLoss,
  L1Loss,
  MarginRankingLoss,
  MaskedLmLoss,
  MseLoss,
  MultilabelSoftMarginLoss,
  MultiMarginLoss,
  NllLoss,
  PoissonNllLoss,
  Seq2seqLoss,
  SmoothL1Loss,
  SoftMarginLoss,
  SquaredHingeLoss,
  TripletMarginLoss,
} from './modules';
// Preference learning
export { type BradleyTerryLossOptions, bradleyTerryLoss } from './preference/bradley-terry-loss';
export { type DpoLossOptions, dpoLoss } from './preference/dpo-loss';
// Ranking and embeddings
export { type ContrastiveLossOptions, contrastiveLoss } from './ranking/contrastive-loss';
export { type CosineEmbeddingLossOptions, cosineEmbeddingLoss } from './ranking/cosine-embedding-loss';
export { type InfoNceLossOptions, infoNceLoss } from './ranking/info-nce-loss';
export { type MarginRankingLossOptions, marginRankingLoss } from './ranking/margin-ranking-loss';
export { type TripletMarginLossOptions, tripletMarginLoss } from './ranking/triplet-margin-loss';
export type { Reduction, ReductionOptions } from './reduction';
// Regression
export { type GaussianNllLossOptions, gaussianNllLoss } from './regression/gaussian-nll-loss';
export { type HuberLossOptions, huberLoss } from './regression/huber-loss';
export { l1Loss } from './regression/l1-loss';
export { mseLoss } from './regression/mse-loss';
export { type PoissonNllLossOptions, poissonNllLoss } from './regression/poisson-nll-loss';
export { type SmoothL1LossOptions, smoothL1Loss } from './regression/smooth-l1-loss';
