// Small SVG charts for the training report: learning curves and an attention heatmap.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface Series {
  name: string;
  points: [number, number][];
  color: string;
  /** Draw a horizontal dashed reference line instead of a curve (points[0][1] is the level). */
  level?: boolean;
}

/** A line chart of several series over a shared x axis, with ticks, axis titles and a legend. */
export function lineChartSvg(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  width = 720,
  height = 400,
): string {
  const pad = { left: 64, right: 20, top: 40, bottom: 48 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs, x0 + 1);
  const y0 = Math.min(...ys) * 0.95;
  const y1 = Math.max(...ys) * 1.02;
  const px = (x: number) => pad.left + ((x - x0) / (x1 - x0)) * (width - pad.left - pad.right);
  const py = (y: number) => height - pad.bottom - ((y - y0) / (y1 - y0)) * (height - pad.top - pad.bottom);
  const ticks = (lo: number, hi: number) => Array.from({ length: 6 }, (_, i) => lo + ((hi - lo) * i) / 5);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`,
    ...ticks(y0, y1).map(
      (t) =>
        `<line x1="${pad.left}" x2="${width - pad.right}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/><text x="${pad.left - 6}" y="${py(t) + 4}" text-anchor="end">${t.toFixed(2)}</text>`,
    ),
    ...ticks(x0, x1).map(
      (t) =>
        `<text x="${px(t)}" y="${height - pad.bottom + 16}" text-anchor="middle">${Math.round(t)}</text>`,
    ),
    `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="black"/>`,
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="black"/>`,
    `<text x="${width / 2}" y="${height - 10}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${height / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  ];
  series.forEach((s, i) => {
    if (s.level) {
      const y = py(s.points[0][1]);
      parts.push(
        `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-dasharray="6 4"/>`,
      );
    } else {
      const pts = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
      parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts}"/>`);
    }
    parts.push(
      `<rect x="${width - pad.right - 190}" y="${pad.top + 4 + 18 * i}" width="12" height="3" fill="${s.color}"/><text x="${width - pad.right - 172}" y="${pad.top + 9 + 18 * i}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** A heatmap of a (rows, cols) attention matrix with the tokens along both axes. */
export function heatmapSvg(
  title: string,
  matrix: number[][],
  rowLabels: string[],
  colLabels: string[],
  cell = 14,
): string {
  const left = 40;
  const top = 60;
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  const width = Math.max(left + cols * cell + 20, left + title.length * 7.5);
  const height = top + rows * cell + 20;
  const max = Math.max(...matrix.flat(), 1e-9);
  const shown = (c: string) => esc(c === '\n' ? '↵' : c === ' ' ? '·' : c);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="monospace" font-size="${cell - 3}">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="18" font-family="sans-serif" font-size="13">${esc(title)}</text>`,
  ];
  for (const [j, c] of colLabels.entries()) {
    parts.push(
      `<text x="${left + j * cell + cell / 2}" y="${top - 6}" text-anchor="middle">${shown(c)}</text>`,
    );
  }
  matrix.forEach((row, i) => {
    parts.push(
      `<text x="${left - 6}" y="${top + i * cell + cell - 3}" text-anchor="end">${shown(rowLabels[i])}</text>`,
    );
    row.forEach((v, j) => {
      const shade = Math.round(255 * (1 - v / max));
      parts.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)"/>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
