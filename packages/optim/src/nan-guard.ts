import { type Tensor, ValueError } from '@llm/tensor';

/** Parameters by name: `module.namedParameters()` pairs, a `Map`, or a plain object. */
export type NamedParameters = Iterable<readonly [string, Tensor]> | Readonly<Record<string, Tensor>>;

/** A parameter whose gradient holds NaN or ±Infinity. */
export interface NonFiniteGrad {
  name: string;
  nanCount: number;
  infCount: number;
  /** Flat (row-major) index of the first bad element. */
  firstIndex: number;
}

/** Thrown by `assertFiniteGrads`; `bad` lists every offending parameter. */
export class NonFiniteGradError extends ValueError {
  override name = 'NonFiniteGradError';
  readonly bad: readonly NonFiniteGrad[];

  constructor(message: string, bad: readonly NonFiniteGrad[]) {
    super(message);
    this.bad = bad;
  }
}

function entries(named: NamedParameters): [string, Tensor][] {
  if (Symbol.iterator in named)
    return [...(named as Iterable<readonly [string, Tensor]>)].map(([k, v]) => [k, v]);
  return Object.entries(named as Record<string, Tensor>);
}

/** Every parameter whose gradient has a NaN or infinite element, in order (parameters without a grad are skipped). */
export function findNonFiniteGrads(named: NamedParameters): NonFiniteGrad[] {
  const bad: NonFiniteGrad[] = [];
  for (const [name, p] of entries(named)) {
    if (p.grad === null) continue;
    const g = p.grad.data;
    let nanCount = 0;
    let infCount = 0;
    let firstIndex = -1;
    for (let i = 0; i < g.length; i++) {
      const x = g[i];
      if (x - x === 0) continue; // finite
      if (Number.isNaN(x)) nanCount++;
      else infCount++;
      if (firstIndex < 0) firstIndex = i;
    }
    if (firstIndex >= 0) bad.push({ name, nanCount, infCount, firstIndex });
  }
  return bad;
}

/**
 * Throws a `NonFiniteGradError` naming the first parameter whose gradient went NaN/Inf (and how many
 * others did), e.g. `assertFiniteGrads: the gradient of 'blocks.0.attn.qkv.weight' has 2 NaN and 0 Inf
 * values (first at flat index 5).` Call it between `backward()` and `step()` while debugging.
 */
export function assertFiniteGrads(named: NamedParameters): void {
  const bad = findNonFiniteGrads(named);
  if (bad.length === 0) return;
  const [b] = bad;
  const more =
    bad.length > 1
      ? `; ${bad.length - 1} more parameter(s) too: ${bad
          .slice(1)
          .map((x) => `'${x.name}'`)
          .join(', ')}`
      : '';
  throw new NonFiniteGradError(
    `assertFiniteGrads: the gradient of '${b.name}' has ${b.nanCount} NaN and ${b.infCount} Inf values (first at flat index ${b.firstIndex})${more}.`,
    bad,
  );
}
