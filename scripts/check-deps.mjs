#!/usr/bin/env node
// Enforces the dependency direction of ROADMAP.md, so that a package a user installs alone pulls in
// only what it needs and no cycle can form. For every workspace under packages/ it checks:
//   1. package.json: each @llm dependency is one the map below allows (kernels-gpu: tensor only as a
//      peerDependency), and the declared @llm graph has no cycle;
//   2. src/** and test/**: each @llm import is allowed and declared, each bare import of another
//      library is declared, and no relative import leaves the package (import it by name instead);
//   3. files reachable from the main entry src/index.ts import no Node built-in (`node:*`, fs, path,
//      ...): Node-only helpers live behind a `/node` subpath (src/node/).
// apps/* may import any package, but only by name (no relative path into packages/).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Which @llm packages each package may import (ROADMAP.md, "Packages and who may import whom"). */
const ALLOWED = {
  tokenizers: [],
  metrics: [],
  'classical-ml': ['metrics'],
  tensor: [],
  nn: ['tensor'],
  losses: ['tensor'],
  optim: ['tensor'],
  transformer: ['tensor', 'nn'],
  peft: ['tensor', 'nn', 'transformer'],
  embeddings: ['tensor', 'nn', 'transformer'],
  rl: ['tensor', 'nn', 'transformer', 'optim', 'losses'],
  'kernels-gpu': ['tensor'],
};
/** Allowed dependencies that must be peerDependencies (never bundled twice next to the user's copy). */
const PEER_ONLY = { 'kernels-gpu': ['tensor'] };

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

const violations = [];
const report = (where, spec, rule) => violations.push({ where, spec, rule });

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function listDirs(dir) {
  try {
    return readdirSync(dir)
      .filter((name) => statSync(join(dir, name)).isDirectory())
      .sort();
  } catch {
    return [];
  }
}

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path, out);
    } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/** Every module specifier in a file: static and dynamic imports, re-exports, require(), import types. */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node, typeOnly = false) => {
    if (node && ts.isStringLiteralLike(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({ spec: node.text, line: line + 1, typeOnly });
    }
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if ((isImport || isRequire) && node.arguments.length > 0) add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `import type { A } from 'x'` or `import { type A, type B } from 'x'`: erased from the JS output. */
function isTypeOnlyImport(node) {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

const isRelative = (spec) => spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');
const isBuiltin = (spec) =>
  spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]);
/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
const packageOf = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
const isTestFile = (pkgDir, file) =>
  /\.(test|spec)\.[cm]?tsx?$/.test(file) || relative(pkgDir, file).split(sep)[0] === 'test';

/** The file a relative specifier names (`./x`, `./x.js`, `./dir`), or undefined. */
function resolveRelative(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  const stem = base.replace(/\.[cm]?jsx?$/, '');
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => stem + ext)];
  candidates.push(...SOURCE_EXTENSIONS.map((ext) => join(base, `index${ext}`)));
  return candidates.find((path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

function checkManifest(short, pkg, where, llmPackages) {
  const allowed = ALLOWED[short] ?? [];
  const peerOnly = PEER_ONLY[short] ?? [];
  const fields = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'];
  for (const field of fields) {
    for (const dep of Object.keys(pkg[field] ?? {})) {
      if (!dep.startsWith('@llm/')) continue;
      const target = dep.slice('@llm/'.length);
      if (!llmPackages.has(dep)) report(where, dep, `${field} names ${dep}, which is no workspace package`);
      else if (!allowed.includes(target)) {
        report(where, dep, `${field}: @llm/${short} may depend on ${only(allowed)} (ROADMAP.md)`);
      } else if (
        peerOnly.includes(target) &&
        (field === 'dependencies' || field === 'optionalDependencies')
      ) {
        report(where, dep, `@llm/${short} must list ${dep} in peerDependencies, not ${field}`);
      }
    }
  }
  for (const dep of peerOnly) {
    const name = `@llm/${dep}`;
    const misplaced =
      pkg.dependencies?.[name] !== undefined || pkg.optionalDependencies?.[name] !== undefined;
    if (!misplaced && pkg.peerDependencies?.[name] === undefined && uses(pkg, name)) {
      report(where, `@llm/${dep}`, `@llm/${short} must list @llm/${dep} in peerDependencies`);
    }
  }
}

const uses = (pkg, name) =>
  ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'].some(
    (field) => pkg[field]?.[name] !== undefined,
  );
const list = (names) => (names.length === 0 ? 'no @llm package' : names.map((n) => `@llm/${n}`).join(', '));
const only = (names) => (names.length === 0 ? 'no @llm package' : `only ${list(names)}`);

function checkPackage(dir, pkg, llmPackages) {
  const short = pkg.name.startsWith('@llm/') ? pkg.name.slice('@llm/'.length) : pkg.name;
  const rel = relative(root, dir);
  const manifest = join(rel, 'package.json');
  checkManifest(short, pkg, manifest, llmPackages);

  const runtimeDeps = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ]);
  const devDeps = new Set(Object.keys(pkg.devDependencies ?? {}));
  const allowed = ALLOWED[short] ?? [];
  const files = [...walk(join(dir, 'src')), ...walk(join(dir, 'test'))];
  const graph = new Map();
  let importCount = 0;

  for (const file of files) {
    const where = relative(root, file);
    const test = isTestFile(dir, file);
    const edges = [];
    graph.set(file, { edges, builtins: [] });
    for (const { spec, line, typeOnly } of importsOf(file)) {
      importCount++;
      const at = `${where}:${line}`;
      if (isRelative(spec)) {
        const target = resolve(dirname(file), spec);
        if (target !== dir && !target.startsWith(dir + sep)) {
          report(at, spec, `relative import leaves ${rel}: import another package by its name`);
          continue;
        }
        const resolved = resolveRelative(file, spec);
        if (resolved) edges.push(resolved);
        continue;
      }
      if (isBuiltin(spec)) {
        graph.get(file).builtins.push({ spec, at, typeOnly });
        continue;
      }
      const name = packageOf(spec);
      if (name === pkg.name) continue; // a package may import itself by name
      const declared = runtimeDeps.has(name) || (test && devDeps.has(name));
      if (name.startsWith('@llm/')) {
        const target = name.slice('@llm/'.length);
        if (!allowed.includes(target)) {
          report(at, spec, `@llm/${short} may import ${only(allowed)} (ROADMAP.md)`);
        } else if (!declared) {
          const field = (PEER_ONLY[short] ?? []).includes(target) ? 'peerDependencies' : 'dependencies';
          report(at, spec, `${name} is not declared: add it to ${field} of ${manifest}`);
        }
      } else if (!test && !declared) {
        report(at, spec, `${name} is not declared in dependencies or peerDependencies of ${manifest}`);
      }
    }
  }

  // Node built-ins: only files that the main entry cannot reach may use them.
  const entry = join(dir, 'src', 'index.ts');
  const reachable = new Set();
  const stack = graph.has(entry) ? [entry] : [];
  while (stack.length > 0) {
    const file = stack.pop();
    if (reachable.has(file)) continue;
    reachable.add(file);
    for (const next of graph.get(file)?.edges ?? []) stack.push(next);
  }
  for (const file of reachable) {
    for (const { spec, at, typeOnly } of graph.get(file)?.builtins ?? []) {
      const inNodeDir = relative(dir, file).startsWith(`src${sep}node${sep}`);
      const note = typeOnly ? ' (type-only, but it still puts Node types into the published .d.ts)' : '';
      const fix = inNodeDir
        ? `the main entry must not import src/node/: export it only from the /node subpath`
        : 'move it behind the /node subpath (src/node/)';
      report(at, spec, `Node built-in in a file reachable from ${relative(root, entry)}${note}: ${fix}`);
    }
  }
  return { name: pkg.name, files: files.length, imports: importCount, reachable: reachable.size, allowed };
}

function findCycle(llmDeps) {
  const state = new Map();
  const path = [];
  const visit = (name) => {
    if (state.get(name) === 'done') return null;
    if (state.get(name) === 'active') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'active');
    path.push(name);
    for (const dep of llmDeps.get(name) ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of llmDeps.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return null;
}

const packages = listDirs(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => {
    try {
      return statSync(join(dir, 'package.json')).isFile();
    } catch {
      return false;
    }
  })
  .map((dir) => ({ dir, pkg: readJson(join(dir, 'package.json')) }));
const llmPackages = new Set(packages.map(({ pkg }) => pkg.name));

console.log('check-deps: dependency direction from ROADMAP.md\n');
const rows = [];
for (const { dir, pkg } of packages) {
  const short = pkg.name.replace(/^@llm\//, '');
  const result = checkPackage(dir, pkg, llmPackages);
  const note = ALLOWED[short] === undefined ? ' (not in the ROADMAP map: treated as stand-alone)' : '';
  rows.push([result.name, list(result.allowed) + note, result.files, result.imports, result.reachable]);
}

const llmDeps = new Map(
  packages.map(({ pkg }) => [
    pkg.name,
    ['dependencies', 'peerDependencies', 'devDependencies'].flatMap((field) =>
      Object.keys(pkg[field] ?? {}).filter((dep) => llmPackages.has(dep)),
    ),
  ]),
);
const cycle = findCycle(llmDeps);
if (cycle) report('packages/*/package.json', cycle.join(' -> '), 'dependency cycle');

// apps may import anything, but only by package name.
for (const app of listDirs(join(root, 'apps'))) {
  const dir = join(root, 'apps', app);
  for (const file of walk(join(dir, 'src'))) {
    for (const { spec, line } of importsOf(file)) {
      const target = resolve(dirname(file), spec);
      if (isRelative(spec) && target !== dir && !target.startsWith(dir + sep)) {
        report(
          `${relative(root, file)}:${line}`,
          spec,
          `relative import leaves apps/${app}: import by package name`,
        );
      }
    }
  }
}

const header = ['package', 'may import', 'files', 'imports', 'files reachable from src/index.ts'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) =>
  cells
    .map((c, i) => String(c).padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
console.log(
  `\napps checked for relative imports into packages: ${listDirs(join(root, 'apps')).join(', ') || 'none'}`,
);

if (violations.length > 0) {
  console.error(`\ncheck-deps: ${violations.length} violation(s):`);
  for (const { where, spec, rule } of violations) console.error(`  ${where}: '${spec}': ${rule}`);
  process.exit(1);
}
console.log(`\ncheck-deps: OK (${packages.length} packages, no violations, no cycle)`);
