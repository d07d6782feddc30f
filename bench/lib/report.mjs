import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';

/** The machine and runtime a result came from; ratios are comparable only within one of these. */
export function environment() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
  };
}

/** Writes `payload` to `<dir>/<name>.json` and returns the path. */
export async function writeResult(dir, name, payload) {
  await mkdir(dir, { recursive: true });
  const path = new URL(`${name}.json`, dir);
  await writeFile(path, `${JSON.stringify(payload, null, 2)}\n`);
  return path;
}

/** Renders rows of equal keys as an aligned Markdown table, readable in a terminal and pasteable in a README. */
export function markdownTable(rows) {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]);
  const cells = [columns, ...rows.map((row) => columns.map((column) => String(row[column] ?? '')))];
  const widths = columns.map((_, i) => Math.max(3, ...cells.map((line) => line[i].length)));
  const line = (values) => `| ${values.map((value, i) => value.padEnd(widths[i])).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}
