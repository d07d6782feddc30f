/** A minimal SVG line chart: one or more series over a shared x axis, with axes and labels. */
export function lineChartSvg(
  title: string,
  series: { name: string; values: number[]; color: string }[],
  width = 640,
  height = 360,
): string {
  const pad = { left: 56, right: 16, top: 36, bottom: 40 };
  const n = Math.max(...series.map((s) => s.values.length));
  const all = series.flatMap((s) => s.values);
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all) || 1;
  const x = (i: number) => pad.left + (i / Math.max(n - 1, 1)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - ((v - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
  const ticks = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  const lines = series.map(
    (s) =>
      `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`,
  );
  const legend = series.map(
    (s, i) =>
      `<text x="${width - pad.right - 150}" y="${pad.top + 16 * i}" fill="${s.color}" font-size="12">${s.name}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<title>${title}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
    `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="black"/>`,
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="black"/>`,
    ...ticks.map(
      (t) =>
        `<text x="${pad.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${t.toFixed(2)}</text>`,
    ),
    `<text x="${width / 2}" y="${height - 8}" text-anchor="middle" font-size="12">epoch (1..${n})</text>`,
    ...lines,
    ...legend,
    '</svg>',
  ].join('\n');
}
