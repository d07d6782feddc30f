// SVG figures of the tour: decision boundaries on the iris PCA plane, clusterings, explained variance.
import type { Label } from '@llm/classical-ml';
import type { TourPlots } from './tour';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f = (v: number) => v.toFixed(1);

/** Point colours per class / cluster, and the paler tints used for decision regions. */
const POINT = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const REGION = ['#c6dbef', '#fdd0a2', '#c7e9c0', '#fcbba1', '#dadaeb', '#d9c4b8'];
const NOISE = '#9a9a9a';

interface Panel {
  x: number;
  y: number;
  width: number;
  height: number;
}

function frame(title: string, width: number, height: number): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16">${esc(title)}</text>`,
  ];
}

function legend(entries: { label: string; color: string }[], x: number, y: number): string {
  return entries
    .map(
      (e, i) =>
        `<circle cx="${x + i * 130}" cy="${y - 4}" r="5" fill="${e.color}" stroke="#333" stroke-width="0.6"/><text x="${x + i * 130 + 10}" y="${y}">${esc(e.label)}</text>`,
    )
    .join('\n');
}

/** Maps plane coordinates into a panel's rectangle (y up). */
function projector(bounds: TourPlots['bounds'], p: Panel) {
  return {
    px: (x: number) => p.x + ((x - bounds.x0) / (bounds.x1 - bounds.x0)) * p.width,
    py: (y: number) => p.y + p.height - ((y - bounds.y0) / (bounds.y1 - bounds.y0)) * p.height,
  };
}

function scatter(
  points: number[][],
  colors: string[],
  bounds: TourPlots['bounds'],
  panel: Panel,
  radius = 2.8,
): string[] {
  const { px, py } = projector(bounds, panel);
  return points.map(
    ([x, y], i) =>
      `<circle cx="${f(px(x))}" cy="${f(py(y))}" r="${radius}" fill="${colors[i]}" stroke="#222" stroke-width="0.5"/>`,
  );
}

function panelTitle(text: string, panel: Panel): string {
  return `<text x="${panel.x + panel.width / 2}" y="${panel.y - 7}" text-anchor="middle" font-size="13">${esc(text)}</text>`;
}

function border(panel: Panel): string {
  return `<rect x="${panel.x}" y="${panel.y}" width="${panel.width}" height="${panel.height}" fill="none" stroke="#555"/>`;
}

function axisLabels(panel: Panel): string {
  return [
    `<text x="${panel.x + panel.width / 2}" y="${panel.y + panel.height + 15}" text-anchor="middle" fill="#555" font-size="11">PC 1</text>`,
    `<text transform="translate(${panel.x - 6} ${panel.y + panel.height / 2}) rotate(-90)" text-anchor="middle" fill="#555" font-size="11">PC 2</text>`,
  ].join('');
}

/**
 * One small panel per classifier: its predicted class over a grid of the iris PCA plane (pale regions,
 * one rectangle per run of equal cells in a row) with the 150 flowers on top, coloured by species.
 */
export function decisionBoundariesSvg(plots: TourPlots, columns = 3): string {
  const { boundaries, plane, species, classes, bounds } = plots;
  const cell = { width: 250, height: 210, gapX: 44, gapY: 58 };
  const top = 76;
  const left = 30;
  const rows = Math.ceil(boundaries.length / columns);
  const width = left + columns * (cell.width + cell.gapX);
  const height = top + rows * (cell.height + cell.gapY);
  const classIndex = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const pointColors = species.map((s) => POINT[classIndex.get(s) ?? 0]);
  const parts = frame('Iris decision boundaries on the first two principal components', width, height);
  parts.push(
    legend(
      classes.map((c, i) => ({ label: c, color: POINT[i] })),
      width / 2 - (classes.length * 130) / 2 + 10,
      48,
    ),
  );
  boundaries.forEach((b, k) => {
    const panel: Panel = {
      x: left + (k % columns) * (cell.width + cell.gapX),
      y: top + Math.floor(k / columns) * (cell.height + cell.gapY),
      width: cell.width,
      height: cell.height,
    };
    const n = b.grid.length;
    const cw = panel.width / n;
    const ch = panel.height / n;
    // crispEdges: anti-aliased edges between neighbouring rectangles would show as pale seams.
    parts.push('<g shape-rendering="crispEdges">');
    b.grid.forEach((row, r) => {
      let start = 0;
      for (let c = 1; c <= n; c++) {
        if (c < n && row[c] === row[start]) continue;
        const color = REGION[classIndex.get(row[start]) ?? 0];
        parts.push(
          `<rect x="${f(panel.x + start * cw)}" y="${f(panel.y + r * ch)}" width="${(cw * (c - start) + 0.5).toFixed(2)}" height="${(ch + 0.5).toFixed(2)}" fill="${color}"/>`,
        );
        start = c;
      }
    });
    parts.push('</g>', ...scatter(plane, pointColors, bounds, panel));
    parts.push(
      border(panel),
      panelTitle(b.model, panel),
      `<text x="${panel.x + panel.width}" y="${panel.y + panel.height + 15}" text-anchor="end" font-size="11" fill="#333">train acc ${b.accuracy.toFixed(3)}</text>`,
    );
    parts.push(axisLabels(panel));
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Species, k-means (k = 3, on all four standardised features) and DBSCAN (on the plane) side by side. */
export function clustersSvg(plots: TourPlots): string {
  const { plane, species, classes, bounds, kmeans, dbscan } = plots;
  const cell = { width: 300, height: 260, gap: 50 };
  const top = 70;
  const left = 36;
  const width = left + 3 * (cell.width + cell.gap) - 10;
  const height = top + cell.height + 60;
  const parts = frame('Iris clusters on the first two principal components', width, height);
  const panel = (i: number): Panel => ({ x: left + i * (cell.width + cell.gap), y: top, ...cell });
  const classIndex = new Map(classes.map((c, i) => [c, i]));

  const p0 = panel(0);
  parts.push(
    ...scatter(
      plane,
      species.map((s) => POINT[classIndex.get(s) ?? 0]),
      bounds,
      p0,
      3.2,
    ),
  );
  parts.push(border(p0), panelTitle('species (truth)', p0), axisLabels(p0));

  const p1 = panel(1);
  parts.push(
    ...scatter(
      plane,
      kmeans.labels.map((l) => POINT[l + 3]),
      bounds,
      p1,
      3.2,
    ),
  );
  const { px, py } = projector(bounds, p1);
  for (const [x, y] of kmeans.centres) {
    const cx = px(x);
    const cy = py(y);
    parts.push(
      `<path d="M${f(cx - 7)},${f(cy - 7)}L${f(cx + 7)},${f(cy + 7)}M${f(cx - 7)},${f(cy + 7)}L${f(cx + 7)},${f(cy - 7)}" stroke="black" stroke-width="3"/>`,
    );
  }
  parts.push(border(p1), panelTitle('KMeans, k = 3 (× = centres)', p1), axisLabels(p1));

  const p2 = panel(2);
  parts.push(
    ...scatter(
      plane,
      dbscan.labels.map((l) => (l < 0 ? NOISE : POINT[(l + 3) % POINT.length])),
      bounds,
      p2,
      3.2,
    ),
  );
  const clusters = new Set(dbscan.labels.filter((l) => l >= 0)).size;
  const noise = dbscan.labels.filter((l) => l < 0).length;
  parts.push(
    border(p2),
    panelTitle(`DBSCAN eps ${dbscan.eps}, minSamples ${dbscan.minSamples}`, p2),
    axisLabels(p2),
    `<text x="${p2.x + p2.width / 2}" y="${p2.y + p2.height + 34}" text-anchor="middle" fill="#555">${clusters} clusters, ${noise} noise points (grey)</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/** Bars of each component's share of the variance with the running total as a line, one panel per data set. */
export function explainedVarianceSvg(plots: TourPlots): string {
  const sets = plots.explainedVariance;
  const cell = { width: 380, height: 250, gap: 80 };
  const top = 76;
  const left = 60;
  const width = left + sets.length * (cell.width + cell.gap) - 30;
  const height = top + cell.height + 60;
  const parts = frame('PCA explained variance (standardised features)', width, height);
  sets.forEach((set, k) => {
    const p: Panel = { x: left + k * (cell.width + cell.gap), y: top + 10, ...cell };
    const n = set.ratios.length;
    const slot = p.width / n;
    const py = (v: number) => p.y + p.height - v * (p.height - 14);
    for (let t = 0; t <= 5; t++) {
      const v = t / 5;
      parts.push(
        `<line x1="${p.x}" x2="${p.x + p.width}" y1="${f(py(v))}" y2="${f(py(v))}" stroke="#eee"/><text x="${p.x - 6}" y="${f(py(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`,
      );
    }
    let total = 0;
    const cumulative: string[] = [];
    set.ratios.forEach((r, i) => {
      total += r;
      const x = p.x + i * slot;
      parts.push(
        `<rect x="${f(x + slot * 0.15)}" y="${f(py(r))}" width="${f(slot * 0.7)}" height="${f(r * (p.height - 14))}" fill="#1f77b4"/>`,
        `<text x="${f(x + slot / 2)}" y="${p.y + p.height + 15}" text-anchor="middle">${i + 1}</text>`,
      );
      cumulative.push(`${f(x + slot / 2)},${f(py(total))}`);
    });
    parts.push(
      `<polyline fill="none" stroke="#d62728" stroke-width="2" points="${cumulative.join(' ')}"/>`,
      ...cumulative.map((pt) => {
        const [cx, cy] = pt.split(',');
        return `<circle cx="${cx}" cy="${cy}" r="3" fill="#d62728"/>`;
      }),
      `<line x1="${p.x}" y1="${p.y + p.height}" x2="${p.x + p.width}" y2="${p.y + p.height}" stroke="black"/>`,
      `<line x1="${p.x}" y1="${p.y}" x2="${p.x}" y2="${p.y + p.height}" stroke="black"/>`,
      panelTitle(set.dataset, p),
      `<text x="${p.x + p.width / 2}" y="${p.y + p.height + 32}" text-anchor="middle">component</text>`,
      `<text transform="translate(${p.x - 40} ${p.y + p.height / 2}) rotate(-90)" text-anchor="middle">share of variance</text>`,
    );
  });
  parts.push(
    `<rect x="${width / 2 - 130}" y="38" width="12" height="10" fill="#1f77b4"/><text x="${width / 2 - 113}" y="47">per component</text>`,
    `<line x1="${width / 2 + 20}" x2="${width / 2 + 38}" y1="43" y2="43" stroke="#d62728" stroke-width="2"/><text x="${width / 2 + 44}" y="47">cumulative</text>`,
    '</svg>',
  );
  return parts.join('\n');
}
