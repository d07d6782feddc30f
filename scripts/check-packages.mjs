#!/usr/bin/env node
// Checks what users will actually install, after `npm run build`: the workspace can hide packaging
// mistakes (the `@llm/source` condition and symlinks resolve src/ instead of dist/). For every
// non-private package under packages/ it runs publint --strict on the packed tarball, installs all
// tarballs together into a fresh project outside the repo, and there loads every export subpath
// with both `import()` and `require()`: each must resolve into dist/ and give the same, non-empty
// list of exported names.
//
// Usage: node scripts/check-packages.mjs [@llm/name ...]   (default: every public package)
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = new Set(process.argv.slice(2));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Export subpaths that name a module (`.`, `./testing`), not `./package.json` or patterns. */
function subpathsOf(pkg) {
  const { exports } = pkg;
  if (exports === undefined) return ['.'];
  if (typeof exports === 'string' || Object.keys(exports).every((key) => !key.startsWith('.'))) return ['.'];
  return Object.keys(exports).filter((key) => !key.includes('*') && !key.endsWith('.json'));
}

const specifierOf = (name, subpath) => (subpath === '.' ? name : `${name}/${subpath.slice(2)}`);

const all = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, pkg: readJson(join(dir, 'package.json')) }))
  .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
// A named package is checked together with the workspace packages it needs (dependencies and peers),
// as a user installs them from the registry; those are packed and loaded too.
const byName = new Map(all.map((entry) => [entry.pkg.name, entry]));
const wanted = new Set(only);
for (const name of wanted) {
  const pkg = byName.get(name)?.pkg;
  for (const deps of [pkg?.dependencies, pkg?.peerDependencies])
    for (const dep of Object.keys(deps ?? {})) if (byName.has(dep)) wanted.add(dep);
}
const packages = all.filter(({ pkg }) => !pkg.private && (only.size === 0 || wanted.has(pkg.name)));
for (const { pkg } of all) if (pkg.private) console.log(`skip ${pkg.name} (private)`);
for (const name of only) {
  if (!packages.some(({ pkg }) => pkg.name === name)) {
    console.error(`check-packages: no public package named ${name} under packages/`);
    process.exit(1);
  }
}
if (packages.length === 0) {
  console.error('check-packages: no public package under packages/');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'llm-check-packages-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
mkdirSync(tarballs);
mkdirSync(project);
const failures = [];
const results = new Map(packages.map(({ pkg }) => [pkg.name, { version: pkg.version, problems: [] }]));
/** publint suggestions (not failures), each with the packages it applies to. */
const notes = new Map();
const fail = (name, problem) => {
  results.get(name).problems.push(problem);
  failures.push(`${name}: ${problem}`);
};

try {
  // 1. Pack and lint each package.
  for (const { dir, pkg } of packages) {
    const result = results.get(pkg.name);
    const rel = relative(root, dir);
    if (!existsSync(join(dir, 'dist'))) {
      fail(pkg.name, `${rel}/dist is missing: run \`npm run build\` first`);
      result.publint = 'skipped';
      continue;
    }
    const [packed] = JSON.parse(
      run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs], dir),
    );
    result.tarball = join(tarballs, packed.filename);
    result.size = `${(packed.size / 1024).toFixed(1)} kB, ${packed.entryCount} files`;

    const tarball = readFileSync(result.tarball);
    // Linting the tarball itself checks exactly the files users get.
    const { messages } = await publint({
      strict: true,
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    });
    const errors = messages.filter((m) => m.type === 'error');
    const suggestions = messages.filter((m) => m.type !== 'error');
    for (const message of errors) fail(pkg.name, `publint: ${formatMessage(message, pkg, { color: false })}`);
    for (const message of suggestions) {
      const text = `publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`;
      notes.set(text, [...(notes.get(text) ?? []), pkg.name]);
    }
    result.publint = errors.length === 0 ? 'ok' : `${errors.length} error(s)`;
  }

  // 2. Install every tarball together, as a user would from the registry.
  const packed = packages.filter(({ pkg }) => results.get(pkg.name).tarball);
  if (packed.length > 0) {
    const ours = new Set(packages.map(({ pkg }) => pkg.name));
    const external = packed.some(({ pkg }) =>
      [pkg.dependencies, pkg.peerDependencies, pkg.optionalDependencies].some((deps) =>
        Object.keys(deps ?? {}).some((dep) => !ours.has(dep)),
      ),
    );
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'llm-pack-check', private: true, type: 'module' }, null, 2)}\n`,
    );
    const install = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'];
    install.push(external ? '--prefer-offline' : '--offline');
    try {
      run(npm, [...install, ...packed.map(({ pkg }) => results.get(pkg.name).tarball)], project);
    } catch (error) {
      for (const { pkg } of packed) fail(pkg.name, 'npm install of the tarballs failed (see below)');
      console.error(error.stderr || error.message);
    }

    // 3. Load every export with import() and require() in fresh processes.
    const specs = packed.flatMap(({ pkg }) =>
      subpathsOf(pkg).map((subpath) => ({ name: pkg.name, spec: specifierOf(pkg.name, subpath) })),
    );
    const list = JSON.stringify(specs.map(({ spec }) => spec));
    writeFileSync(
      join(project, 'probe-esm.mjs'),
      `const out = {};
for (const spec of ${list}) {
  try {
    const url = import.meta.resolve(spec);
    out[spec] = { file: url, names: Object.keys(await import(spec)).sort() };
  } catch (error) {
    out[spec] = { error: String(error?.message ?? error).split('\\n')[0] };
  }
}
console.log(JSON.stringify(out));
`,
    );
    writeFileSync(
      join(project, 'probe-cjs.cjs'),
      `const out = {};
for (const spec of ${list}) {
  try {
    out[spec] = { file: require.resolve(spec), names: Object.keys(require(spec)).sort() };
  } catch (error) {
    out[spec] = { error: String(error?.message ?? error).split('\\n')[0] };
  }
}
console.log(JSON.stringify(out));
`,
    );
    const probe = (file) => {
      try {
        return JSON.parse(run(process.execPath, [file], project));
      } catch (error) {
        return Object.fromEntries(specs.map(({ spec }) => [spec, { error: error.stderr || error.message }]));
      }
    };
    const esm = probe('probe-esm.mjs');
    const cjs = probe('probe-cjs.cjs');

    for (const { name, spec } of specs) {
      const result = results.get(name);
      result.exports ??= [];
      const [i, r] = [esm[spec], cjs[spec]];
      const entry = { spec, import: i?.names?.length ?? 'error', require: r?.names?.length ?? 'error' };
      result.exports.push(entry);
      if (!i || i.error) fail(name, `import('${spec}') failed: ${i?.error ?? 'no result'}`);
      if (!r || r.error) fail(name, `require('${spec}') failed: ${r?.error ?? 'no result'}`);
      if (!i?.names || !r?.names) continue;
      if (!i.file.includes('/dist/')) fail(name, `import('${spec}') resolved outside dist/: ${i.file}`);
      if (!r.file.includes('/dist/')) fail(name, `require('${spec}') resolved outside dist/: ${r.file}`);
      if (!r.file.endsWith('.cjs')) fail(name, `require('${spec}') loaded ${r.file}, not a .cjs build`);
      if (i.names.length === 0) fail(name, `import('${spec}') exports no names`);
      if (r.names.length === 0) fail(name, `require('${spec}') exports no names`);
      const onlyEsm = i.names.filter((n) => !r.names.includes(n));
      const onlyCjs = r.names.filter((n) => !i.names.includes(n));
      if (onlyEsm.length > 0 || onlyCjs.length > 0) {
        fail(
          name,
          `'${spec}': import() and require() differ: only import: [${onlyEsm.join(', ')}], only require: [${onlyCjs.join(', ')}]`,
        );
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 4. Report.
for (const [text, names] of notes) console.log(`${text}\n  (${names.join(', ')})`);
const header = ['package', 'version', 'publint', 'tarball', 'export', 'import()', 'require()', 'result'];
const rows = [];
for (const [name, result] of results) {
  const status = result.problems.length === 0 ? 'ok' : 'FAIL';
  const exports = result.exports ?? [{ spec: '-', import: '-', require: '-' }];
  exports.forEach((entry, index) => {
    rows.push([
      index === 0 ? name : '',
      index === 0 ? result.version : '',
      index === 0 ? result.publint : '',
      index === 0 ? (result.size ?? '-') : '',
      entry.spec,
      typeof entry.import === 'number'
        ? `${entry.import} name${entry.import === 1 ? '' : 's'}`
        : entry.import,
      typeof entry.require === 'number'
        ? `${entry.require} name${entry.require === 1 ? '' : 's'}`
        : entry.require,
      index === 0 ? status : '',
    ]);
  });
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
const line = (cells) =>
  cells
    .map((cell, i) => String(cell).padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of rows) console.log(line(row));

if (failures.length > 0) {
  console.error(`\ncheck-packages: ${failures.length} problem(s):`);
  for (const failure of failures) console.error(`  ${failure}`);
  process.exit(1);
}
console.log(
  `\ncheck-packages: OK (${results.size} package${results.size === 1 ? '' : 's'} packed, linted, installed and loaded)`,
);
