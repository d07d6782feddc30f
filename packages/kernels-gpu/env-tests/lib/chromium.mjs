// Runs browser paths inside Debian's Chromium, driven by playwright-core: bundles the page's code,
// serves it on 127.0.0.1 with the COOP/COEP headers that cross-origin isolation (threads) needs, and
// calls `window.runPath(plan)` for each plan in one fresh, throw-away profile.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from './bundle.mjs';
import { chromiumPath } from './paths.mjs';

const require = createRequire(import.meta.url);

/**
 * Chromium flags: headless without a GPU. WebGL goes through ANGLE on SwiftShader (named explicitly:
 * Chromium no longer falls back to it silently), WebGPU through Dawn on SwiftShader (needs
 * `--enable-unsafe-webgpu` on Linux); the rest keeps the run offline and quiet.
 */
export const chromiumFlags = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function serve(script) {
  const html = '<!doctype html><meta charset="utf-8"><script type="module" src="/page.mjs"></script>';
  const server = createServer((request, response) => {
    const isScript = request.url === '/page.mjs';
    response.writeHead(200, {
      ...isolation,
      'Content-Type': isScript ? 'text/javascript' : 'text/html',
    });
    response.end(isScript ? script : html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Runs every plan (`{ path, mode }`) in one Chromium page and returns one report per plan; a plan
 * whose evaluation throws gets a failed report rather than ending the others. `log` receives the
 * page's errors.
 */
export async function runInChromium(plans, { log = () => {} } = {}) {
  const { chromium } = require('playwright-core');
  const script = readFileSync(await bundle('tests/gpu/env/browser.ts', 'browser', 'browser'));
  const server = await serve(script);
  const profile = mkdtempSync(join(tmpdir(), 'llm-gpu-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumFlags,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.runPath === 'function');
    const reports = [];
    for (const plan of plans) {
      try {
        reports.push(await page.evaluate((p) => window.runPath(p), plan));
      } catch (error) {
        reports.push(failedReport(plan, error));
      }
    }
    return reports;
  } finally {
    await context?.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function failedReport(plan, error) {
  return {
    path: plan.path,
    runtime: 'chromium',
    mode: 'none',
    kernelClass: 'none',
    firstCallMs: null,
    checks: [{ name: 'page', worst: null, error: error.message.split('\n')[0] }],
    details: {},
    seconds: 0,
  };
}
