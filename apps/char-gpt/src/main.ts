// npm run demo: train a character-level GPT on Moby-Dick, then sample from it and plot what it learned.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Generator, noGrad, tensor } from '@llm/tensor';
import { helpText, parseConfig } from './config';
import { unigramLoss } from './data';
import { heatmapSvg, lineChartSvg } from './plots';
import { ProgressBar } from './progress';
import { train } from './train';

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseConfig>;
  try {
    parsed = parseConfig(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${helpText()}`);
    process.exit(2);
  }
  if (parsed === 'help') {
    console.log(helpText());
    return;
  }
  const config = parsed;
  let bar: ProgressBar | null = null;
  let baseline = 0;
  let firstStep = 0;
  const started = Date.now();
  const result = await train(config, {
    onStart: ({ startStep, corpus, model }) => {
      baseline = unigramLoss(corpus.train, corpus.val, corpus.tokenizer.vocabSize);
      console.log(
        `char-gpt: ${config.data ?? 'Moby-Dick'} — ${corpus.train.length.toLocaleString()} training / ${corpus.val.length.toLocaleString()} validation characters, vocabulary ${corpus.tokenizer.vocabSize}`,
      );
      console.log(
        `GPT ${model.config.nLayer} layers × ${model.config.nHead} heads × ${model.config.nEmbd} wide, context ${model.config.blockSize}, ${model.numParameters().toLocaleString()} parameters; AdamW lr ${config.lr} with ${config.warmupSteps} warm-up steps + cosine; backend ${config.backend}${config.backend === 'wasm' ? ` × ${config.threads} threads` : ''}`,
      );
      console.log(`unigram baseline (predict by character frequency): ${baseline.toFixed(3)} nats/char`);
      if (startStep > 0) console.log(`resuming from step ${startStep} in ${config.out}`);
      firstStep = startStep;
      bar = new ProgressBar(config.steps - startStep);
    },
    onStep: (r) => {
      const val = r.valLoss !== undefined ? ` val ${r.valLoss.toFixed(3)}` : '';
      bar?.update(
        r.step - firstStep,
        `loss ${r.loss.toFixed(3)}${val} ${Math.round(r.tokensPerSecond)} tok/s`,
      );
    },
  });
  const { model, tokenizer, history } = result;
  const last = history[history.length - 1];
  const finalVal = [...history].reverse().find((h) => h.valLoss !== undefined)?.valLoss ?? Number.NaN;
  console.log(
    `\ndone in ${((Date.now() - started) / 1000).toFixed(0)}s: train loss ${last.trainLoss.toFixed(3)}, validation loss ${finalVal.toFixed(3)} nats/char (perplexity ${Math.exp(finalVal).toFixed(2)}) vs unigram ${baseline.toFixed(3)}`,
  );

  mkdirSync(config.out, { recursive: true });
  const lossSvg = lineChartSvg('char-gpt learning curves', 'step', 'cross-entropy (nats/char)', [
    { name: 'train', color: '#1f77b4', points: history.map((h) => [h.step, h.trainLoss]) },
    {
      name: 'validation',
      color: '#d62728',
      points: history.filter((h) => h.valLoss !== undefined).map((h) => [h.step, h.valLoss as number]),
    },
    { name: 'unigram baseline', color: '#7f7f7f', level: true, points: [[1, baseline]] },
  ]);
  writeFileSync(join(config.out, 'loss.svg'), lossSvg);

  // Attention of the last layer's first head over a line of the book.
  const probe = config.prompt.length > 4 ? config.prompt : 'Call me Ishmael.';
  const ids = tokenizer.encode(probe.slice(0, model.config.blockSize));
  noGrad(() => model.eval().forward(tensor([ids], { dtype: 'int32' }), { needWeights: true }));
  const maps = model.attentionMaps();
  const att = maps[maps.length - 1];
  if (att) {
    const head0 = (att.toArray() as number[][][][])[0][0];
    const chars = [...probe.slice(0, model.config.blockSize)];
    writeFileSync(
      join(config.out, 'attention.svg'),
      heatmapSvg(
        `last layer, head 0: which earlier characters each character attends to`,
        head0,
        chars,
        chars,
      ),
    );
  }

  if (config.sampleTokens > 0) {
    const prompt = tokenizer.encode(config.prompt);
    process.stdout.write(
      `\n--- sample (temperature ${config.temperature}, top-k ${config.topK}) ---\n${config.prompt}`,
    );
    const out = model.generate(tensor([prompt], { dtype: 'int32' }), {
      maxNewTokens: config.sampleTokens,
      temperature: config.temperature,
      topK: config.topK,
      generator: new Generator(config.seed),
      onToken: (id) => process.stdout.write(tokenizer.decode([id])),
    });
    const text = tokenizer.decode((out.toArray() as number[][])[0]);
    writeFileSync(join(config.out, 'sample.txt'), `${text}\n`);
    process.stdout.write('\n---\n');
  }
  console.log(
    `wrote ${join(config.out, 'loss.svg')}, ${join(config.out, 'attention.svg')}, checkpoint in ${config.out}/`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
