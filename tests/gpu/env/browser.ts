// The environment-test entry for the browser: packages/kernels-gpu/env-tests/lib/chromium.mjs bundles
// it into a page and calls `window.runPath(plan)` once per path (WebGL2, WebGPU, ...).
import { runPath } from './run-path';

(globalThis as { runPath?: typeof runPath }).runPath = runPath;
