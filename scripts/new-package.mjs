#!/usr/bin/env node
// Scaffolds packages/<name> in the layout of packages/tensor (exports map with the `@llm/source`
// condition, tsup, vitest, a real test, README, CHANGELOG and a changeset), so every new package
// starts publishable and wired into turbo, vitest and the CI checks.
//
// Usage: npm run new-package -- <name> [--description "One sentence for users."]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function fail(message) {
  console.error(`new-package: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  let name;
  let description;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--description') description = argv[++i];
    else if (arg.startsWith('--description=')) description = arg.slice('--description='.length);
    else if (arg === '-h' || arg === '--help') {
      console.log('Usage: npm run new-package -- <name> [--description "One sentence for users."]');
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option '${arg}'.`);
    else if (name === undefined) name = arg;
    else fail(`expected one package name, got '${name}' and '${arg}'.`);
  }
  if (name === undefined) fail('missing package name. Usage: npm run new-package -- <name>');
  return { name, description };
}

function validate(name) {
  const bare = name.startsWith('@llm/') ? name.slice('@llm/'.length) : name;
  if (!NAME.test(bare)) {
    fail(
      `'${name}' is not a valid package name: use lowercase kebab-case ` +
        `(letters, digits and single hyphens, starting with a letter), e.g. 'classical-ml'.`,
    );
  }
  if (bare.length > 50) fail(`'${bare}' is too long (${bare.length} characters, at most 50).`);
  const dir = join(root, 'packages', bare);
  if (existsSync(dir)) fail(`packages/${bare} already exists.`);
  for (const workspace of workspaceDirs()) {
    const pkgPath = join(root, workspace, 'package.json');
    if (existsSync(pkgPath) && JSON.parse(readFileSync(pkgPath, 'utf8')).name === `@llm/${bare}`) {
      fail(`@llm/${bare} already exists in ${workspace}.`);
    }
  }
  if (existsSync(changesetPath(bare))) fail(`${relative(root, changesetPath(bare))} already exists.`);
  return bare;
}

/** The workspace folders named by the root package.json (`packages/*`, `apps/*`, `tests`). */
function workspaceDirs() {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return existsSync(join(root, parent))
      ? readdirSync(join(root, parent)).map((entry) => `${parent}/${entry}`)
      : [];
  });
}

const changesetPath = (name) => join(root, '.changeset', `new-package-${name}.md`);

function packageJson(name, description) {
  return {
    name: `@llm/${name}`,
    version: '0.0.0',
    description,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': {
        '@llm/source': './src/index.ts',
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
      './package.json': './package.json',
    },
    files: ['dist', 'src', '!src/**/*.test.ts', 'README.md', 'CHANGELOG.md'],
    keywords: ['machine-learning'],
    scripts: { build: 'tsup', test: 'vitest run', typecheck: 'tsc --noEmit' },
  };
}

// package.json files in this repo keep short string arrays on one line, as packages/tensor does.
function formatJson(value) {
  const json = JSON.stringify(value, null, 2).replace(
    /\[\s*\n\s*((?:"[^"\n]*",?\s*\n\s*)+)\]/g,
    (_, items) =>
      `[${items
        .trim()
        .split(/,\s*\n\s*/)
        .join(', ')}]`,
  );
  return `${json}\n`;
}

function files(name, description) {
  const pkg = `@llm/${name}`;
  return {
    'package.json': formatJson(packageJson(name, description)),
    'tsup.config.ts': `import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
`,
    'tsconfig.json': formatJson({ extends: '../../tsconfig.base.json', include: ['src', 'test', '*.ts'] }),
    'vitest.config.ts': `import { llmProject } from '../../vitest.shared';

export default llmProject('${name}');
`,
    'src/index.ts': `export { clamp } from './clamp';
`,
    'src/clamp.ts': `/**
 * Limits \`x\` to the closed interval [min, max]: \`clamp(x, min, max) = min(max(x, min), max)\`.
 * NaN stays NaN, so a bad value is never hidden.
 */
export function clamp(x: number, min: number, max: number): number {
  // Written as !(min <= max) so that a NaN bound is rejected too.
  if (!(min <= max)) {
    throw new RangeError(\`clamp: 'min' must be <= 'max', got min=\${min}, max=\${max}.\`);
  }
  return Math.min(Math.max(x, min), max);
}
`,
    'src/clamp.test.ts': `import { describe, expect, it } from 'vitest';
import { clamp } from './index';

describe('clamp', () => {
  it('keeps values inside the interval', () => {
    expect(clamp(0.25, 0, 1)).toBe(0.25);
    expect(clamp(0, 0, 1)).toBe(0);
    expect(clamp(1, 0, 1)).toBe(1);
  });

  it('moves values outside the interval to the nearest bound', () => {
    expect(clamp(-3, -1, 1)).toBe(-1);
    expect(clamp(7, -1, 1)).toBe(1);
    expect(clamp(Number.NEGATIVE_INFINITY, 2, 5)).toBe(2);
  });

  it('passes NaN through', () => {
    expect(clamp(Number.NaN, 0, 1)).toBeNaN();
  });

  it('rejects an empty or NaN interval with a message naming both bounds', () => {
    expect(() => clamp(0, 2, 1)).toThrow("clamp: 'min' must be <= 'max', got min=2, max=1.");
    expect(() => clamp(0, Number.NaN, 1)).toThrow(RangeError);
  });
});
`,
    'README.md': `# ${pkg}

${description}

## Install

\`\`\`sh
npm install ${pkg}
\`\`\`

## Example

\`\`\`js
// example.mjs — run with \`node example.mjs\`
import { clamp } from '${pkg}';

console.log(clamp(1.7, 0, 1)); // 1
console.log(clamp(-0.2, 0, 1)); // 0
\`\`\`

CommonJS works too: \`const { clamp } = require('${pkg}');\`.

## API

- \`clamp(x, min, max)\`: limits \`x\` to \`[min, max]\`; throws a \`RangeError\` when \`min > max\`.

## Development

\`\`\`sh
npx turbo run build test typecheck --filter=${pkg}
\`\`\`
`,
    'CHANGELOG.md': `# ${pkg}
`,
  };
}

function changeset(name, description) {
  return `---
"@llm/${name}": minor
---

New package \`@llm/${name}\`: ${description}
`;
}

const { name: rawName, description: rawDescription } = parseArgs(process.argv.slice(2));
const name = validate(rawName);
const description = rawDescription?.trim() || `TODO: describe @llm/${name} in one sentence for users.`;
const dir = join(root, 'packages', name);

const written = [];
for (const [file, content] of Object.entries(files(name, description))) {
  const path = join(dir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { flag: 'wx' });
  written.push(relative(root, path));
}
writeFileSync(changesetPath(name), changeset(name, description), { flag: 'wx' });
written.push(relative(root, changesetPath(name)));

console.log(`Created @llm/${name}:`);
for (const file of written) console.log(`  ${file}`);
console.log(`
Next steps:
  1. npm install        # links packages/${name} into the workspace (node_modules/@llm/${name})
  2. npx turbo run build test typecheck --filter=@llm/${name}
  3. Write the real description in packages/${name}/package.json, its README.md and the changeset;
     add ${name} to the dependency map in scripts/check-deps.mjs (see ROADMAP.md) and a row to the
     package table in the root README.md.`);
