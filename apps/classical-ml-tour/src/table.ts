import type { Score } from './tour';

const fixed = (v: number | undefined, digits = 3) => (v === undefined ? '' : v.toFixed(digits));

/** The scores as an aligned Markdown table: readable in a terminal, pasteable in the README. */
export function scoreTable(scores: Score[]): string {
  const header = ['data', 'model', 'accuracy', 'macro-F1', 'R²', 'ARI', 'fit ms'];
  const rows = scores.map((s) => [
    s.dataset,
    s.model,
    fixed(s.accuracy),
    fixed(s.macroF1),
    fixed(s.r2),
    fixed(s.ari),
    s.fitMs >= 100 ? s.fitMs.toFixed(0) : s.fitMs.toFixed(1),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const right = (j: number) => j >= 2;
  const line = (cells: string[]) =>
    `| ${cells.map((c, j) => (right(j) ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, j) => (right(j) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
