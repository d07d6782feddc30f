// npm run demo: train a small MLP on the Iris flowers with @llm/tensor autograd, then report.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineChartSvg } from './plot';
import { ProgressBar } from './progress';
import { defaultConfig, trainIris } from './train';

const config = { ...defaultConfig };
console.log(
  `Iris MLP: 4 -> ${config.hidden} -> 3, SGD lr ${config.lr}, ${config.epochs} epochs, seed ${config.seed}`,
);
const bar = new ProgressBar(config.epochs);
const result = trainIris(config, (r) =>
  bar.update(r.epoch, `loss ${r.loss.toFixed(4)} train acc ${(100 * r.trainAccuracy).toFixed(1)}%`),
);
const first = result.history[0];
const last = result.history[result.history.length - 1];
console.log(`loss ${first.loss.toFixed(4)} -> ${last.loss.toFixed(4)}`);
console.log(
  `test accuracy ${(100 * result.testAccuracy).toFixed(1)}% (test loss ${result.testLoss.toFixed(4)})`,
);

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
mkdirSync(outDir, { recursive: true });
const svg = lineChartSvg('Iris MLP training', [
  { name: 'cross-entropy loss', values: result.history.map((r) => r.loss), color: '#d62728' },
  { name: 'train accuracy', values: result.history.map((r) => r.trainAccuracy), color: '#1f77b4' },
]);
// Write then rename, so an interrupted run never leaves a half-written file behind.
const file = join(outDir, 'training.svg');
writeFileSync(`${file}.tmp`, svg);
renameSync(`${file}.tmp`, file);
console.log(`plot: ${file}`);
