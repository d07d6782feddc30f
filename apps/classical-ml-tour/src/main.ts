// npm start -w @llm/app-classical-ml-tour: fit the @llm/classical-ml catalogue on iris, Boston house
// prices and SpamAssassin, print the scores, and draw decision boundaries, clusters and PCA to out/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clustersSvg, decisionBoundariesSvg, explainedVarianceSvg } from './plots';
import { ProgressBar } from './progress';
import { scoreTable } from './table';
import { defaultConfig, quickConfig, runTour } from './tour';

const quick = process.argv.includes('--quick');
const out = join(import.meta.dirname, '..', 'out');
const config = quick ? quickConfig : defaultConfig;

console.log(
  `classical-ml tour${quick ? ' (--quick)' : ''}: iris (150 × 4, 30% held out), Boston (506 × 13, 20% held out), SpamAssassin (${config.spamMessages} messages × ${config.vocabularySize} words, 30% held out)`,
);
const bar = new ProgressBar();
const result = runTour(config, { onProgress: (done, total, label) => bar.update(done, total, label) });
console.log(`\n${scoreTable(result.scores)}\n`);
for (const { dataset, ratios } of result.plots.explainedVariance) {
  const shares = ratios.map((r) => `${(100 * r).toFixed(1)}%`).join(', ');
  console.log(`PCA ${dataset}: ${shares}`);
}

mkdirSync(out, { recursive: true });
const figures = {
  'decision-boundaries.svg': decisionBoundariesSvg(result.plots),
  'clusters.svg': clustersSvg(result.plots),
  'pca-explained-variance.svg': explainedVarianceSvg(result.plots),
};
for (const [file, svg] of Object.entries(figures)) writeFileSync(join(out, file), svg);
console.log(
  `\nwrote ${Object.keys(figures)
    .map((file) => `out/${file}`)
    .join(', ')}`,
);
console.log(`done in ${result.seconds.toFixed(1)} s`);
