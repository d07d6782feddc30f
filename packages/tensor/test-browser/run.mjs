// Runs @llm/tensor/web's registerWasmBackendWorkers in Debian's Chromium (playwright-core), twice:
// on a cross-origin isolated page (COOP/COEP headers), where products must be split over Web Workers
// and equal the one-thread kernel bit for bit, and on a page without those headers, where the backend
// must fall back to one thread and say why. Exits 1 on any failed check.
//
//   node packages/tensor/test-browser/run.mjs     (CHROMIUM=/path/to/chrome to use another binary)
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const threads = 3;

const { outputFiles } = await build({
  entryPoints: [path.join(here, 'page.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  // From src/, as the tests run: no build of the package needed.
  conditions: ['@llm/source'],
  logLevel: 'warning',
});
const script = outputFiles[0].text;

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
const html = `<!doctype html><meta charset="utf-8"><title>matmul workers</title><script type="module" src="page.js"></script>`;

// /isolated/ is served with COOP/COEP, /plain/ without; each directory has index.html and page.js.
const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  const [, mode, file] = url.pathname.split('/');
  const headers = mode === 'isolated' ? { ...isolation } : {};
  if ((mode === 'isolated' || mode === 'plain') && (file === '' || file === 'index.html')) {
    response.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(html);
  } else if ((mode === 'isolated' || mode === 'plain') && file === 'page.js') {
    response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(script);
  } else if (url.pathname === '/favicon.ico') {
    response.writeHead(204).end();
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const userDataDir = await mkdtemp(path.join(tmpdir(), 'llm-tensor-browser-'));
const failures = [];
const check = (label, ok, detail) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${ok ? '' : `: ${detail}`}`);
  if (!ok) failures.push(label);
};

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  for (const mode of ['isolated', 'plain']) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${origin}/${mode}/?threads=${threads}`);
    await page.waitForFunction(() => window.matmulWorkersResult, null, { timeout: 120_000 });
    const result = await page.evaluate(() => window.matmulWorkersResult);
    console.log(`${mode}: ${JSON.stringify(result)}`);
    check(
      `${mode}: the page ran without errors`,
      !result.error && errors.length === 0,
      result.error ?? errors.join('\n'),
    );
    check(
      `${mode}: results equal the one-thread kernel bit for bit`,
      result.differing === 0 && result.values > 0,
      `${result.differing} of ${result.values} values differ`,
    );
    if (mode === 'isolated') {
      check(
        'isolated: the page is cross-origin isolated',
        result.crossOriginIsolated === true,
        result.crossOriginIsolated,
      );
      check(
        `isolated: ${threads} threads`,
        result.threads === threads && result.singleThreadReason === null,
        `${result.threads} (${result.singleThreadReason})`,
      );
      check(
        'isolated: every worker computed row blocks',
        result.workerJobs.length === threads - 1 && result.workerJobs.every((n) => n > 0),
        JSON.stringify(result.workerJobs),
      );
      check('isolated: no worker failed', result.failure === null, result.failure);
    } else {
      check(
        'plain: the page is not cross-origin isolated',
        result.crossOriginIsolated === false,
        result.crossOriginIsolated,
      );
      check(
        'plain: falls back to one thread and says why',
        result.threads === 1 && /cross-origin isolated/.test(result.singleThreadReason ?? ''),
        `${result.threads} (${result.singleThreadReason})`,
      );
      check('plain: no workers started', result.workerJobs.length === 0, JSON.stringify(result.workerJobs));
    }
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  await rm(userDataDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`${failures.length} browser check(s) failed`);
  process.exit(1);
}
console.log('all browser checks passed');
