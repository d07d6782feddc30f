import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, type TrainConfig } from './config';
import { unigramLoss } from './data';
import { train } from './train';

const text = 'It is a way I have of driving off the spleen and regulating the circulation. '.repeat(12);

function tinyConfig(out: string, overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    ...defaultConfig,
    out,
    steps: 6,
    batchSize: 4,
    blockSize: 16,
    nLayer: 1,
    nHead: 2,
    nEmbd: 16,
    warmupSteps: 2,
    evalInterval: 3,
    evalBatches: 1,
    checkpointInterval: 100,
    sampleTokens: 0,
    ...overrides,
  };
}

describe('char-gpt training', () => {
  it('resumes from a checkpoint exactly where an uninterrupted run would be', async () => {
    const full = await train(tinyConfig(mkdtempSync(join(tmpdir(), 'cg-a-'))), { text });
    const dir = mkdtempSync(join(tmpdir(), 'cg-b-'));
    const first = await train(tinyConfig(dir), { text, stopAfter: 3 });
    expect(first.step).toBe(3);
    const resumed = await train(tinyConfig(dir, { resume: true }), { text });
    expect(resumed.history.map((h) => h.trainLoss)).toEqual(full.history.map((h) => h.trainLoss));
    expect(resumed.history[5].valLoss).toBe(full.history[5].valLoss);
  });

  it('rejects a missing, corrupt or torn checkpoint with a clear message', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cg-c-'));
    await expect(train(tinyConfig(empty, { resume: true }), { text })).rejects.toThrow(/no checkpoint in/);
    const dir = mkdtempSync(join(tmpdir(), 'cg-d-'));
    await train(tinyConfig(dir), { text, stopAfter: 2 });
    writeFileSync(join(dir, 'state.json'), '{"version": 1, "step": 3');
    await expect(train(tinyConfig(dir, { resume: true }), { text })).rejects.toThrow(/is not valid JSON/);
    const dir2 = mkdtempSync(join(tmpdir(), 'cg-e-'));
    await train(tinyConfig(dir2), { text, stopAfter: 2 });
    const state = JSON.parse(
      await import('node:fs').then((fs) => fs.readFileSync(join(dir2, 'state.json'), 'utf8')),
    );
    writeFileSync(join(dir2, 'state.json'), JSON.stringify({ ...state, step: 5 }));
    await expect(train(tinyConfig(dir2, { resume: true }), { text })).rejects.toThrow(
      /weights are from step 2 but the state from step 5/,
    );
  });

  it('lowers the loss below the unigram baseline on a repetitive text', async () => {
    const result = await train(
      tinyConfig(mkdtempSync(join(tmpdir(), 'cg-f-')), {
        steps: 120,
        batchSize: 8,
        nEmbd: 32,
        lr: 1e-2,
        evalInterval: 120,
        warmupSteps: 10,
      }),
      { text },
    );
    const { corpus, history } = result;
    const baseline = unigramLoss(corpus.train, corpus.val, corpus.tokenizer.vocabSize);
    expect(history[history.length - 1].valLoss).toBeLessThan(baseline * 0.5);
  });
});

describe('command line', () => {
  it('parses kebab-case flags, validates them, and offers --help', () => {
    const c = parseConfig(['--steps', '10', '--n-embd', '32', '--resume', '--prompt', 'Hi']);
    expect(c).toMatchObject({ steps: 10, nEmbd: 32, resume: true, prompt: 'Hi' });
    expect(parseConfig(['--help'])).toBe('help');
    expect(() => parseConfig(['--steps', 'ten'])).toThrow(/--steps must be a number, got 'ten'/);
    expect(() => parseConfig(['--n-layer', '0'])).toThrow(/--n-layer must be a positive integer/);
    expect(() => parseConfig(['--bogus'])).toThrow(/bogus/);
  });
});
