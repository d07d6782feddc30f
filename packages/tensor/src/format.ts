import { isFloat } from './dtype';
import type { Tensor } from './tensor';

// Mirrors torch/_tensor_str.py (PyTorch 1.13) so printed tensors read the same as in Python:
// precision 4, summarise above 1000 elements with 3 edge items, 80-column lines.
const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;

/**
 * JS rounds exact decimal ties away from zero; Python (and so PyTorch's printing) rounds them to
 * even. A float32 tie is exactly representable, so `toFixed(100)` shows it exactly: a cut that
 * leaves "5" followed by zeros is a tie, and we take the neighbour whose last digit is even.
 */
function halfEven(
  value: number,
  rounded: string,
  digitsAfterCut: (exact: string) => string,
  down: () => string,
): string {
  const rest = digitsAfterCut(Math.abs(value).toFixed(100));
  if (!/^50*$/.test(rest)) return rounded;
  const lastDigit = (s: string) => Number(s.replace(/e.*$/, '').slice(-1));
  return lastDigit(rounded) % 2 === 0 ? rounded : down();
}

function fixed(value: number, digits: number): string {
  let s = value.toFixed(digits);
  s = halfEven(
    value,
    s,
    (exact) => exact.slice(exact.indexOf('.') + 1 + digits),
    () => (Math.sign(value) * (Math.floor(Math.abs(value) * 10 ** digits) / 10 ** digits)).toFixed(digits),
  );
  return Object.is(value, -0) || (value < 0 && !s.startsWith('-')) ? `-${s}` : s;
}

function scientific(value: number): string {
  if (!Number.isFinite(value)) return special(value);
  let s = value.toExponential(PRECISION);
  const exponent = Number(s.slice(s.indexOf('e') + 1));
  s = halfEven(
    value,
    s,
    (exact) => {
      const digits = exact.replace('.', '').replace(/^0+/, '');
      return digits.slice(PRECISION + 1);
    },
    () => {
      const mantissa = Math.floor((Math.abs(value) / 10 ** exponent) * 10 ** PRECISION) / 10 ** PRECISION;
      return `${value < 0 ? '-' : ''}${mantissa.toFixed(PRECISION)}e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
    },
  );
  if (Object.is(value, -0)) s = `-${s}`;
  // JS writes e+5; Python writes e+05.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function special(value: number): string {
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

class Formatter {
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  constructor(
    private readonly floating: boolean,
    private readonly isBool: boolean,
    values: readonly number[],
  ) {
    if (!floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, this.plain(v).length);
      return;
    }
    const finite = values.filter((v) => Number.isFinite(v) && v !== 0);
    if (finite.length === 0) return;
    const abs = finite.map(Math.abs);
    const lo = Math.min(...abs);
    const hi = Math.max(...abs);
    this.intMode = finite.every((v) => v === Math.ceil(v));
    if (this.intMode) {
      if (hi / lo > 1000 || hi > 1e8) {
        this.sciMode = true;
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, scientific(v).length);
      } else {
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, fixed(v, 0).length + 1);
      }
    } else if (hi / lo > 1000 || hi > 1e8 || lo < 1e-4) {
      this.sciMode = true;
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, scientific(v).length);
    } else {
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, fixed(v, PRECISION).length);
    }
  }

  private plain(v: number): string {
    return this.isBool ? (v ? 'True' : 'False') : String(v);
  }

  width(): number {
    return this.maxWidth;
  }

  format(v: number): string {
    let s: string;
    if (!this.floating) s = this.plain(v);
    else if (!Number.isFinite(v)) s = special(v);
    else if (this.sciMode) s = scientific(v);
    else if (this.intMode) s = `${fixed(v, 0)}.`;
    else s = fixed(v, PRECISION);
    return s.padStart(this.maxWidth, ' ');
  }
}

/** A view of a contiguous tensor's data as nested index ranges, for recursive printing. */
interface Block {
  data: ArrayLike<number>;
  offset: number;
  shape: readonly number[];
  strides: readonly number[];
}

function sub(block: Block, i: number): Block {
  return {
    data: block.data,
    offset: block.offset + i * block.strides[0],
    shape: block.shape.slice(1),
    strides: block.strides.slice(1),
  };
}

function edgeIndices(n: number, summarize: boolean): (number | null)[] {
  if (!summarize || n <= 2 * EDGE_ITEMS) return Array.from({ length: n }, (_, i) => i);
  return [
    ...Array.from({ length: EDGE_ITEMS }, (_, i) => i),
    null,
    ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i),
  ];
}

/** The values that remain visible after summarising (they decide the formatter's width and mode). */
function visibleValues(block: Block, summarize: boolean, out: number[]): void {
  if (block.shape.length === 0) {
    out.push(block.data[block.offset]);
    return;
  }
  for (const i of edgeIndices(block.shape[0], summarize))
    if (i !== null) visibleValues(sub(block, i), summarize, out);
}

function vectorString(block: Block, indent: number, summarize: boolean, f: Formatter): string {
  const elementLength = f.width() + 2;
  const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / elementLength));
  const items = edgeIndices(block.shape[0], summarize).map((i) =>
    i === null ? ' ...' : f.format(block.data[block.offset + i * block.strides[0]]),
  );
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
}

function blockString(block: Block, indent: number, summarize: boolean, f: Formatter): string {
  const dim = block.shape.length;
  if (dim === 0) return f.format(block.data[block.offset]);
  if (dim === 1) return vectorString(block, indent, summarize, f);
  const slices = edgeIndices(block.shape[0], summarize).map((i) =>
    i === null ? '...' : blockString(sub(block, i), indent + 1, summarize, f),
  );
  return `[${slices.join(`,${'\n'.repeat(dim - 1)}${' '.repeat(indent + 1)}`)}]`;
}

function addSuffixes(body: string, suffixes: string[], indent: number): string {
  const parts = [body];
  let lastLineLength = body.length - body.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > LINE_WIDTH) {
      parts.push(`,\n${' '.repeat(indent)}${suffix}`);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(`, ${suffix}`);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** Formats a tensor the way PyTorch prints it (`tensor([1.0000, 2.5000], requiresGrad=true)`). */
export function formatTensor(t: Tensor): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  const showDType = t.dtype === 'int32' || t.dtype === 'float64';
  if (t.numel === 0) {
    if (t.ndim !== 1) suffixes.push(`size=[${t.shape.join(', ')}]`);
    if (showDType) suffixes.push(`dtype=${t.dtype}`);
    body = '[]';
  } else {
    if (showDType) suffixes.push(`dtype=${t.dtype}`);
    const strides: number[] = [];
    let s = 1;
    for (let i = t.ndim - 1; i >= 0; i--) {
      strides[i] = s;
      s *= t.shape[i];
    }
    const block: Block = { data: t.data, offset: 0, shape: t.shape, strides };
    const summarize = t.numel > THRESHOLD;
    const visible: number[] = [];
    visibleValues(block, summarize, visible);
    const f = new Formatter(isFloat(t.dtype), t.dtype === 'bool', visible);
    body = blockString(block, indent, summarize, f);
  }
  if (t.gradFn) suffixes.push(`gradFn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) suffixes.push('requiresGrad=true');
  return addSuffixes(prefix + body, suffixes, indent);
}
