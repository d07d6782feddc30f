// Runs one path in a child process and reads its report (the last stdout line, JSON).
import { spawn } from 'node:child_process';

/**
 * Spawns `command args` and resolves to `{ report?, error?, output }`: the parsed last stdout line, or
 * why there is none (exit status, signal, timeout, unparsable output). Never rejects.
 */
export function spawnReport(command, args, { env = {}, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (status, signal, spawnError) => {
      clearTimeout(timer);
      const output = `${stdout}${stderr}`.trim();
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      let report;
      try {
        report = JSON.parse(lastLine);
      } catch {
        report = undefined;
      }
      let error;
      if (spawnError) error = `could not start ${command}: ${spawnError.message}`;
      else if (signal)
        error = `killed by ${signal}${signal === 'SIGKILL' ? ` (over ${timeoutMs / 1000} s?)` : ''}`;
      else if (status !== 0) error = `exit ${status}`;
      else if (!report) error = 'no JSON report on the last stdout line';
      resolve({ report, error, output });
    };
    child.on('error', (spawnError) => finish(null, null, spawnError));
    child.on('close', (status, signal) => finish(status, signal));
  });
}
