// Thin classes over the loss functions, for code that wants `new CrossEntropyLoss(options).forward(x, y)`
// as in torch.nn. The constructor only stores the options; the function owns the math and the checks.

import type { Tensor } from '@llm/tensor';
import { type BceLossOptions, bceLoss } from './classification/bce-loss';
import { type BceWithLogitsLossOptions, bceWithLogitsLoss } from './classification/bce-with-logits-loss';
import { type CrossEntropyOptions, crossEntropy } from './classification/cross-entropy';
import { exponentialLoss } from './classification/exponential-loss';
import { type FocalLossOptions, focalLoss } from './classification/focal-loss';
import { type HingeEmbeddingLossOptions, hingeEmbeddingLoss } from './classification/hinge-embedding-loss';
import { type HingeLossOptions, hingeLoss } from './classification/hinge-loss';
import { type MultiMarginLossOptions, multiMarginLoss } from './classification/multi-margin-loss';
import {
  type MultilabelSoftMarginLossOptions,
  multilabelSoftMarginLoss,
} from './classification/multilabel-soft-margin-loss';
import { type NllLossOptions, nllLoss } from './classification/nll-loss';
import { softMarginLoss } from './classification/soft-margin-loss';
import { squaredHingeLoss } from './classification/squared-hinge-loss';
import { type DistillationLossOptions, distillationLoss } from './distribution/distillation-loss';
import { type ElboLossOptions, elboLoss } from './distribution/elbo-loss';
import { gaussianKl } from './distribution/gaussian-kl';
import { type KlDivOptions, klDiv } from './distribution/kl-div';
import { type CausalLmLossOptions, causalLmLoss } from './language-modeling/causal-lm-loss';
import { type MaskedLmLossOptions, maskedLmLoss } from './language-modeling/masked-lm-loss';
import { type Seq2seqLossOptions, seq2seqLoss } from './language-modeling/seq2seq-loss';
import { type BradleyTerryLossOptions, bradleyTerryLoss } from './preference/bradley-terry-loss';
import { type DpoLossOptions, dpoLoss } from './preference/dpo-loss';
import { type ContrastiveLossOptions, contrastiveLoss } from './ranking/contrastive-loss';
import { type CosineEmbeddingLossOptions, cosineEmbeddingLoss } from './ranking/cosine-embedding-loss';
import { type InfoNceLossOptions, infoNceLoss } from './ranking/info-nce-loss';
import { type MarginRankingLossOptions, marginRankingLoss } from './ranking/margin-ranking-loss';
import { type TripletMarginLossOptions, tripletMarginLoss } from './ranking/triplet-margin-loss';
import type { ReductionOptions } from './reduction';
import { type GaussianNllLossOptions, gaussianNllLoss } from './regression/gaussian-nll-loss';
import { type HuberLossOptions, huberLoss } from './regression/huber-loss';
import { l1Loss } from './regression/l1-loss';
import { mseLoss } from './regression/mse-loss';
import { type PoissonNllLossOptions, poissonNllLoss } from './regression/poisson-nll-loss';
import { type SmoothL1LossOptions, smoothL1Loss } from './regression/smooth-l1-loss';

/** Options shared by every loss module: the ones its function takes, stored at construction. */
abstract class LossModule<O> {
  readonly options: Readonly<O>;
  constructor(options?: O) {
    this.options = Object.freeze({ ...(options ?? ({} as O)) });
  }
}

/** `mseLoss` as a module. */
export class MseLoss extends LossModule<ReductionOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.options);
  }
}

/** `l1Loss` as a module. */
export class L1Loss extends LossModule<ReductionOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this.options);
  }
}

/** `huberLoss` as a module. */
export class HuberLoss extends LossModule<HuberLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, this.options);
  }
}

/** `smoothL1Loss` as a module. */
export class SmoothL1Loss extends LossModule<SmoothL1LossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, this.options);
  }
}

/** `poissonNllLoss` as a module. */
export class PoissonNllLoss extends LossModule<PoissonNllLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return poissonNllLoss(input, target, this.options);
  }
}

/** `gaussianNllLoss` as a module. */
export class GaussianNllLoss extends LossModule<GaussianNllLossOptions> {
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return gaussianNllLoss(input, target, variance, this.options);
  }
}

/** `crossEntropy` as a module. */
export class CrossEntropyLoss extends LossModule<CrossEntropyOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, this.options);
  }
}

/** `nllLoss` as a module. */
export class NllLoss extends LossModule<NllLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this.options);
  }
}

/** `bceLoss` as a module. */
export class BceLoss extends LossModule<BceLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return bceLoss(input, target, this.options);
  }
}

/** `bceWithLogitsLoss` as a module. */
export class BceWithLogitsLoss extends LossModule<BceWithLogitsLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return bceWithLogitsLoss(input, target, this.options);
  }
}

/** `focalLoss` as a module. */
export class FocalLoss extends LossModule<FocalLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return focalLoss(input, target, this.options);
  }
}

/** `hingeEmbeddingLoss` as a module. */
export class HingeEmbeddingLoss extends LossModule<HingeEmbeddingLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return hingeEmbeddingLoss(input, target, this.options);
  }
}

/** `hingeLoss` as a module. */
export class HingeLoss extends LossModule<HingeLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return hingeLoss(input, target, this.options);
  }
}

/** `squaredHingeLoss` as a module. */
export class SquaredHingeLoss extends LossModule<HingeLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return squaredHingeLoss(input, target, this.options);
  }
}

/** `exponentialLoss` as a module. */
export class ExponentialLoss extends LossModule<ReductionOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return exponentialLoss(input, target, this.options);
  }
}

/** `softMarginLoss` as a module. */
export class SoftMarginLoss extends LossModule<ReductionOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return softMarginLoss(input, target, this.options);
  }
}

/** `multilabelSoftMarginLoss` as a module. */
export class MultilabelSoftMarginLoss extends LossModule<MultilabelSoftMarginLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return multilabelSoftMarginLoss(input, target, this.options);
  }
}

/** `multiMarginLoss` as a module. */
export class MultiMarginLoss extends LossModule<MultiMarginLossOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return multiMarginLoss(input, target, this.options);
  }
}

/** `marginRankingLoss` as a module. */
export class MarginRankingLoss extends LossModule<MarginRankingLossOptions> {
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return marginRankingLoss(input1, input2, target, this.options);
  }
}

/** `cosineEmbeddingLoss` as a module. */
export class CosineEmbeddingLoss extends LossModule<CosineEmbeddingLossOptions> {
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, target, this.options);
  }
}

/** `tripletMarginLoss` as a module. */
export class TripletMarginLoss extends LossModule<TripletMarginLossOptions> {
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginLoss(anchor, positive, negative, this.options);
  }
}

/** `contrastiveLoss` as a module. */
export class ContrastiveLoss extends LossModule<ContrastiveLossOptions> {
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return contrastiveLoss(input1, input2, target, this.options);
  }
}

/** `infoNceLoss` as a module. */
export class InfoNceLoss extends LossModule<InfoNceLossOptions> {
  forward(query: Tensor, key: Tensor): Tensor {
    return infoNceLoss(query, key, this.options);
  }
}

/** `klDiv` as a module. */
export class KlDivLoss extends LossModule<KlDivOptions> {
  forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, this.options);
  }
}

/** `gaussianKl` as a module. */
export class GaussianKlLoss extends LossModule<ReductionOptions> {
  forward(mu: Tensor, logVar: Tensor): Tensor {
    return gaussianKl(mu, logVar, this.options);
  }
}

/** `causalLmLoss` as a module. */
export class CausalLmLoss extends LossModule<CausalLmLossOptions> {
  forward(logits: Tensor, tokens: Tensor): Tensor {
    return causalLmLoss(logits, tokens, this.options);
  }
}

/** `seq2seqLoss` as a module. */
export class Seq2seqLoss extends LossModule<Seq2seqLossOptions> {
  forward(logits: Tensor, targets: Tensor): Tensor {
    return seq2seqLoss(logits, targets, this.options);
  }
}

/** `bradleyTerryLoss` as a module. */
export class BradleyTerryLoss extends LossModule<BradleyTerryLossOptions> {
  forward(chosen: Tensor, rejected: Tensor): Tensor {
    return bradleyTerryLoss(chosen, rejected, this.options);
  }
}

/** `dpoLoss` as a module. */
export class DpoLoss extends LossModule<DpoLossOptions> {
  forward(
    policyChosen: Tensor,
    policyRejected: Tensor,
    referenceChosen: Tensor,
    referenceRejected: Tensor,
  ): Tensor {
    return dpoLoss(policyChosen, policyRejected, referenceChosen, referenceRejected, this.options);
  }
}

/** `distillationLoss` as a module; hard `labels` come with each batch. */
export class DistillationLoss extends LossModule<Omit<DistillationLossOptions, 'labels'>> {
  forward(student: Tensor, teacher: Tensor, labels?: Tensor): Tensor {
    return distillationLoss(
      student,
      teacher,
      labels === undefined ? this.options : { ...this.options, labels },
    );
  }
}

/** `maskedLmLoss` as a module; the bool `mask` comes with each batch. */
export class MaskedLmLoss extends LossModule<Omit<MaskedLmLossOptions, 'mask'>> {
  forward(logits: Tensor, labels: Tensor, mask?: Tensor): Tensor {
    return maskedLmLoss(logits, labels, mask === undefined ? this.options : { ...this.options, mask });
  }
}

/** `elboLoss` as a module; the posterior `mu` and `logVar` come with each batch. */
export class ElboLoss extends LossModule<Omit<ElboLossOptions, 'mu' | 'logVar'>> {
  forward(input: Tensor, target: Tensor, mu: Tensor, logVar: Tensor): Tensor {
    return elboLoss(input, target, { ...this.options, mu, logVar });
  }
}
