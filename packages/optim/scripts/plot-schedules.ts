// Writes docs/schedules.svg: every learning-rate schedule in @llm/optim over 300 steps, one small
// panel each on shared axes. Run with `npm run -w @llm/optim plot`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tensor } from '@llm/tensor';
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  ExponentialLR,
  getConstantScheduleWithWarmup,
  getCosineScheduleWithWarmup,
  getLinearScheduleWithWarmup,
  LambdaLR,
  LinearLR,
  MultiStepLR,
  OneCycleLR,
  PolynomialLR,
  ReduceLROnPlateau,
  type SchedulableOptimizer,
  SequentialLR,
  SGD,
  StepLR,
} from '../src/index';

const STEPS = 300;
const BASE_LR = 0.1;
const COLORS = { torch: '#1f77b4', composite: '#2ca02c', hf: '#e6700a' } as const;

interface Panel {
  title: string;
  /** The options, as written in code. */
  detail: string;
  family: keyof typeof COLORS;
  /** lr after each of steps 0..STEPS − 1. */
  curve(): number[];
}

const optimizer = () =>
  new SGD([tensor([0], { requiresGrad: true })], {
    lr: BASE_LR,
    momentum: 0.9,
  }) as unknown as SchedulableOptimizer;

/** The closed form `lrAt(t)`, a pure function of the step. */
const closedForm = (make: (opt: SchedulableOptimizer) => { lrAt(step: number): number[] }) => () => {
  const s = make(optimizer());
  return Array.from({ length: STEPS }, (_, t) => s.lrAt(t)[0]);
};

/** Steps the scheduler (for the two without a closed form) and records `getLastLr()`. */
function stepped(s: { step(): void; getLastLr(): number[] }): number[] {
  const lrs = [s.getLastLr()[0]];
  for (let t = 1; t < STEPS; t++) {
    s.step();
    lrs.push(s.getLastLr()[0]);
  }
  return lrs;
}

const panels: Panel[] = [
  {
    title: 'StepLR',
    detail: 'stepSize 75, gamma 0.5',
    family: 'torch',
    curve: closedForm((o) => new StepLR(o, { stepSize: 75, gamma: 0.5 })),
  },
  {
    title: 'MultiStepLR',
    detail: 'milestones [100, 200, 250], gamma 0.3',
    family: 'torch',
    curve: closedForm((o) => new MultiStepLR(o, { milestones: [100, 200, 250], gamma: 0.3 })),
  },
  {
    title: 'ExponentialLR',
    detail: 'gamma 0.99',
    family: 'torch',
    curve: closedForm((o) => new ExponentialLR(o, { gamma: 0.99 })),
  },
  {
    title: 'CosineAnnealingLR',
    detail: 'tMax 300, etaMin 0.005',
    family: 'torch',
    curve: closedForm((o) => new CosineAnnealingLR(o, { tMax: 300, etaMin: 0.005 })),
  },
  {
    title: 'CosineAnnealingWarmRestarts',
    detail: 't0 20, tMult 2',
    family: 'torch',
    curve: closedForm((o) => new CosineAnnealingWarmRestarts(o, { t0: 20, tMult: 2 })),
  },
  {
    title: 'LinearLR',
    detail: 'startFactor 0.1, totalIters 100',
    family: 'torch',
    curve: closedForm((o) => new LinearLR(o, { startFactor: 0.1, totalIters: 100 })),
  },
  {
    title: 'ConstantLR',
    detail: 'factor 0.25, totalIters 50',
    family: 'torch',
    curve: closedForm((o) => new ConstantLR(o, { factor: 0.25, totalIters: 50 })),
  },
  {
    title: 'PolynomialLR',
    detail: 'totalIters 250, power 2',
    family: 'torch',
    curve: closedForm((o) => new PolynomialLR(o, { totalIters: 250, power: 2 })),
  },
  {
    title: 'LambdaLR',
    detail: 'lrLambda: t => min(1, t/30) · √(30 / max(t, 30))',
    family: 'torch',
    curve: closedForm(
      (o) => new LambdaLR(o, { lrLambda: (t) => Math.min(1, t / 30) * Math.sqrt(30 / Math.max(t, 30)) }),
    ),
  },
  {
    title: 'OneCycleLR',
    detail: 'maxLr 0.1, totalSteps 300 (cos)',
    family: 'torch',
    curve: closedForm((o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: STEPS })),
  },
  {
    title: 'OneCycleLR, three phases',
    detail: "maxLr 0.1, 'linear', threePhase, pctStart 0.3",
    family: 'torch',
    curve: closedForm(
      (o) =>
        new OneCycleLR(o, {
          maxLr: 0.1,
          totalSteps: STEPS,
          annealStrategy: 'linear',
          threePhase: true,
          pctStart: 0.3,
        }),
    ),
  },
  {
    title: 'ReduceLROnPlateau',
    detail: 'patience 25, factor 0.5, minLr 0.01; loss flat after 60',
    family: 'torch',
    curve: () => {
      const s = new ReduceLROnPlateau(optimizer(), { patience: 25, factor: 0.5, minLr: 0.01 });
      let t = 0;
      // A validation loss that falls for 60 steps, then stays flat.
      return stepped({ step: () => s.step(1 - 0.01 * Math.min(t++, 60)), getLastLr: () => s.getLastLr() });
    },
  },
  {
    title: 'SequentialLR',
    detail: 'LinearLR(0.01, 30) then CosineAnnealingLR(270)',
    family: 'composite',
    curve: closedForm((o) => {
      const warmup = new LinearLR(o, { startFactor: 0.01, totalIters: 30 });
      const cosine = new CosineAnnealingLR(o, { tMax: 270 });
      return new SequentialLR(o, { schedulers: [warmup, cosine], milestones: [30] });
    }),
  },
  {
    title: 'ChainedScheduler',
    detail: 'LinearLR(0.1, 40) × StepLR(100, 0.5)',
    family: 'composite',
    curve: () => {
      const o = optimizer();
      return stepped(
        new ChainedScheduler([
          new LinearLR(o, { startFactor: 0.1, totalIters: 40 }),
          new StepLR(o, { stepSize: 100, gamma: 0.5 }),
        ]),
      );
    },
  },
  {
    title: 'getCosineScheduleWithWarmup',
    detail: 'numWarmupSteps 30, numTrainingSteps 300',
    family: 'hf',
    curve: closedForm((o) => getCosineScheduleWithWarmup(o, { numWarmupSteps: 30, numTrainingSteps: STEPS })),
  },
  {
    title: 'getCosineScheduleWithWarmup',
    detail: '30, 300, minLrRate 0.1',
    family: 'hf',
    curve: closedForm((o) =>
      getCosineScheduleWithWarmup(o, { numWarmupSteps: 30, numTrainingSteps: STEPS, minLrRate: 0.1 }),
    ),
  },
  {
    title: 'getCosineScheduleWithWarmup',
    detail: '30, 300, numCycles 2',
    family: 'hf',
    curve: closedForm((o) =>
      getCosineScheduleWithWarmup(o, { numWarmupSteps: 30, numTrainingSteps: STEPS, numCycles: 2 }),
    ),
  },
  {
    title: 'getLinearScheduleWithWarmup',
    detail: 'numWarmupSteps 30, numTrainingSteps 300',
    family: 'hf',
    curve: closedForm((o) => getLinearScheduleWithWarmup(o, { numWarmupSteps: 30, numTrainingSteps: STEPS })),
  },
  {
    title: 'getLinearScheduleWithWarmup',
    detail: '30, 300, minLrRate 0.1',
    family: 'hf',
    curve: closedForm((o) =>
      getLinearScheduleWithWarmup(o, { numWarmupSteps: 30, numTrainingSteps: STEPS, minLrRate: 0.1 }),
    ),
  },
  {
    title: 'getConstantScheduleWithWarmup',
    detail: 'numWarmupSteps 30',
    family: 'hf',
    curve: closedForm((o) => getConstantScheduleWithWarmup(o, { numWarmupSteps: 30 })),
  },
];

// ---------------------------------------------------------------- SVG

const COLS = 4;
const PANEL = { width: 300, height: 200 };
const PLOT = { left: 48, right: 14, top: 44, bottom: 34 }; // inside a panel
const HEADER = 78;
const MARGIN = 12;
const Y_MAX = 0.105;
const Y_TICKS = [0, 0.025, 0.05, 0.075, 0.1];
const X_TICKS = [0, 100, 200, 300];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => Number(v.toFixed(1)).toString();

function panelSvg(p: Panel, x0: number, y0: number): string {
  const w = PANEL.width - PLOT.left - PLOT.right;
  const h = PANEL.height - PLOT.top - PLOT.bottom;
  const left = x0 + PLOT.left;
  const top = y0 + PLOT.top;
  const px = (t: number) => left + (t / STEPS) * w;
  const py = (lr: number) => top + h - (Math.max(0, lr) / Y_MAX) * h;
  const lrs = p.curve();
  const out = [
    `<text x="${x0 + PANEL.width / 2}" y="${y0 + 16}" text-anchor="middle" font-size="13" font-weight="bold">${esc(p.title)}</text>`,
    `<text x="${x0 + PANEL.width / 2}" y="${y0 + 31}" text-anchor="middle" font-size="10.5" fill="#555">${esc(p.detail)}</text>`,
  ];
  for (const t of Y_TICKS) {
    out.push(
      `<line x1="${left}" x2="${left + w}" y1="${fmt(py(t))}" y2="${fmt(py(t))}" stroke="#e4e4e4"/>`,
      `<text x="${left - 5}" y="${fmt(py(t) + 3.5)}" text-anchor="end" font-size="10">${t}</text>`,
    );
  }
  for (const t of X_TICKS) {
    out.push(
      `<line x1="${fmt(px(t))}" x2="${fmt(px(t))}" y1="${top + h}" y2="${top + h + 4}" stroke="#333"/>`,
      `<text x="${fmt(px(t))}" y="${top + h + 15}" text-anchor="middle" font-size="10">${t}</text>`,
    );
  }
  out.push(
    `<polyline fill="none" stroke="#333" points="${left},${top} ${left},${top + h} ${left + w},${top + h}"/>`,
    `<text x="${left + w / 2}" y="${top + h + 28}" text-anchor="middle" font-size="10" fill="#555">step</text>`,
    `<text transform="translate(${x0 + 11} ${top + h / 2}) rotate(-90)" text-anchor="middle" font-size="10" fill="#555">lr</text>`,
    `<polyline fill="none" stroke="${COLORS[p.family]}" stroke-width="1.8" stroke-linejoin="round" points="${lrs
      .map((lr, t) => `${fmt(px(t))},${fmt(py(lr))}`)
      .join(' ')}"/>`,
  );
  return out.join('\n');
}

function legend(x: number, y: number): string {
  const items: [keyof typeof COLORS, string][] = [
    ['torch', 'torch.optim.lr_scheduler'],
    ['composite', 'composites (SequentialLR, ChainedScheduler)'],
    ['hf', 'Hugging Face warm-up recipes'],
  ];
  let cx = x;
  return items
    .map(([family, label]) => {
      const s = `<rect x="${cx}" y="${y - 4}" width="18" height="3" fill="${COLORS[family]}"/><text x="${cx + 24}" y="${y}" font-size="12">${esc(label)}</text>`;
      cx += 40 + label.length * 6.6;
      return s;
    })
    .join('\n');
}

function render(): string {
  const rows = Math.ceil(panels.length / COLS);
  const width = MARGIN * 2 + COLS * PANEL.width;
  const height = HEADER + rows * PANEL.height + MARGIN;
  const title = '@llm/optim learning-rate schedules';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${title}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN}" y="26" font-size="18" font-weight="bold">${title}</text>`,
    `<text x="${MARGIN}" y="46" font-size="12" fill="#444">Learning rate after each step, steps 0–${STEPS - 1}, base lr ${BASE_LR} (SGD); every panel has the same axes. Drawn from lrAt(step) (ReduceLROnPlateau and ChainedScheduler stepped).</text>`,
    legend(MARGIN, 66),
    ...panels.map((p, i) =>
      panelSvg(p, MARGIN + (i % COLS) * PANEL.width, HEADER + Math.floor(i / COLS) * PANEL.height),
    ),
    '</svg>',
    '',
  ].join('\n');
}

const out = new URL('../docs/schedules.svg', import.meta.url);
mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, render());
console.log(`wrote ${out.pathname} (${panels.length} schedules, ${STEPS} steps)`);
