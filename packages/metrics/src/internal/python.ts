// Small helpers that reproduce Python built-ins exactly, so text metrics split and format like the
// reference tools do (JavaScript's `\s` and `toFixed` differ from Python's in a few corners).

/** Python's `str.isspace` set, which `str.split()` and `str.strip()` use (differs from JS `\s`). */
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPLIT_RE = new RegExp(`[${PY_SPACE}]+`, 'u');
const LEAD_RE = new RegExp(`^[${PY_SPACE}]+`, 'u');
const TRAIL_RE = new RegExp(`[${PY_SPACE}]+$`, 'u');

/** Python `s.split()`: split on runs of whitespace, drop empty pieces. */
export function pySplit(s: string): string[] {
  return s.split(SPLIT_RE).filter((t) => t.length > 0);
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(TRAIL_RE, '');
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(LEAD_RE, '').replace(TRAIL_RE, '');
}

/** Python `format(x, '.{digits}f')`: round half to even on the exact binary value (JS rounds half up). */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  if (ax >= 1e21) return x.toFixed(digits);
  const exact = ax.toFixed(Math.min(100, digits + 40));
  const dot = exact.indexOf('.');
  const whole = exact.slice(0, dot);
  const kept = exact.slice(dot + 1, dot + 1 + digits);
  const rest = exact.slice(dot + 1 + digits);
  // An exact tie: Python keeps the even neighbour, JS would round up.
  if (/^50*$/.test(rest) && Number((whole + kept).slice(-1)) % 2 === 0) {
    return sign + whole + (digits > 0 ? `.${kept}` : '');
  }
  return sign + ax.toFixed(digits);
}

/** Python `math.fsum`: the correctly rounded sum (Shewchuk's exact partials). */
export function fsum(values: Iterable<number>): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  // Sum the partials from the top, with the half-way correction Python applies.
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    const yr = x - hi;
    if (y === yr) hi = x;
  }
  return hi;
}

/** Compares strings by code point, as Python does (JS `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}
