import { readFileSync } from 'node:fs';
import type { Tensor } from '@llm/tensor';
import * as llmTensor from '@llm/tensor';
import ts from 'typescript';
import { expect, it } from 'vitest';
import * as llmOptim from '../src/index';

/**
 * Runs the README's "A training loop" block as written: type-stripped by TypeScript, its imports bound
 * to the packages' sources, and its top-level bindings handed back for the assertions.
 */
function runReadmeLoop(): Record<string, unknown> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /## A training loop[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```ts block under "## A training loop"');
  const modules: Record<string, unknown> = { '@llm/tensor': llmTensor, '@llm/optim': llmOptim };
  const js = ts
    .transpileModule(block, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    .outputText.replace(
      /import\s*\{([^}]*)\}\s*from\s*'([^']+)';/g,
      (_, names: string, from: string) => `const {${names}} = modules[${JSON.stringify(from)}];`,
    );
  const bindings = [...block.matchAll(/^(?:const|let) (\w+)/gm)].map((m) => m[1]);
  return new Function('modules', `${js}\nreturn { ${bindings.join(', ')} };`)(modules);
}

it('the README training loop (AdamW, warm-up + cosine, accumulation, clipping, EMA) fits its regression', () => {
  const { x, y, w, b, checkpoint, acc } = runReadmeLoop() as {
    x: Tensor;
    y: Tensor;
    w: Tensor;
    b: Tensor;
    checkpoint: string;
    acc: llmOptim.GradAccumulator;
  };
  const before = y.square().mean().item(); // the loop starts from w = 0, b = 0
  const after = x.matmul(w).add(b).sub(y).square().mean().item();
  expect(after).toBeLessThan(before / 100);
  expect(w.toArray()).toEqual([[expect.closeTo(2, 1)], [expect.closeTo(-1, 1)], [expect.closeTo(0.5, 1)]]);
  expect(b.item()).toBeCloseTo(0.3, 1);
  expect(acc.count).toBe(0); // every step's micro-batches were finalized
  expect(Object.keys(JSON.parse(checkpoint))).toEqual(['opt', 'sched', 'ema']);
});
