import { ValueError } from '../errors';

/** A declarative constraint on one constructor parameter (sklearn's `_parameter_constraints`). */
export type Constraint =
  | {
      kind: 'number';
      min?: number;
      max?: number;
      minExclusive?: boolean;
      maxExclusive?: boolean;
      integer?: boolean;
      nullable?: boolean;
    }
  | { kind: 'oneOf'; values: readonly unknown[] }
  | { kind: 'boolean' }
  | { kind: 'custom'; check: (v: unknown) => boolean; expected: string };

export const positive = (integer = false): Constraint => ({
  kind: 'number',
  min: 0,
  minExclusive: true,
  integer,
});
export const nonNegative = (integer = false): Constraint => ({ kind: 'number', min: 0, integer });
export const inRange = (
  min: number,
  max: number,
  o: Partial<Extract<Constraint, { kind: 'number' }>> = {},
): Constraint => ({
  kind: 'number',
  min,
  max,
  ...o,
});
export const oneOf = (...values: unknown[]): Constraint => ({ kind: 'oneOf', values });
export const bool: Constraint = { kind: 'boolean' };

function describe(c: Constraint): string {
  switch (c.kind) {
    case 'number': {
      const what = c.integer ? 'an integer' : 'a number';
      const lo = c.min === undefined ? '' : `${c.minExclusive ? '>' : '>='} ${c.min}`;
      const hi = c.max === undefined ? '' : `${c.maxExclusive ? '<' : '<='} ${c.max}`;
      return `${what}${lo || hi ? ` ${[lo, hi].filter(Boolean).join(' and ')}` : ''}${c.nullable ? ' or null' : ''}`;
    }
    case 'oneOf':
      return `one of ${c.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'boolean':
      return 'a boolean';
    case 'custom':
      return c.expected;
  }
}

function satisfies(c: Constraint, v: unknown): boolean {
  switch (c.kind) {
    case 'number':
      if (v === null && c.nullable) return true;
      if (typeof v !== 'number' || Number.isNaN(v)) return false;
      if (c.integer && !Number.isInteger(v)) return false;
      if (c.min !== undefined && (c.minExclusive ? v <= c.min : v < c.min)) return false;
      if (c.max !== undefined && (c.maxExclusive ? v >= c.max : v > c.max)) return false;
      return true;
    case 'oneOf':
      return c.values.includes(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'custom':
      return c.check(v);
  }
}

/** Checks every constrained parameter; the message names the estimator, the parameter, the rule and the value. */
export function validateParams(
  estimator: string,
  params: object,
  constraints: Record<string, Constraint | Constraint[]>,
): void {
  for (const [key, rule] of Object.entries(constraints)) {
    const value = (params as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const rules = Array.isArray(rule) ? rule : [rule];
    if (!rules.some((r) => satisfies(r, value))) {
      throw new ValueError(
        `${estimator}: '${key}' must be ${rules.map(describe).join(' or ')}, got ${JSON.stringify(value)}.`,
      );
    }
  }
}
