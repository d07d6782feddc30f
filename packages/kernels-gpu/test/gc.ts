import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** `globalThis.gc` (from `--expose-gc`, set in vitest.config.ts), else V8's gc exposed on demand. */
function gcFunction(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Forces garbage collection and lets FinalizationRegistry callbacks run (they are queued as
 * tasks after a collection).
 */
export async function collectGarbage(rounds = 4): Promise<void> {
  const gc = gcFunction();
  for (let i = 0; i < rounds; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
