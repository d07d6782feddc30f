import { ValueError } from '../errors';

/** The version written by every `toJSON` of this package; `fromJSON` accepts only this one. */
export const FORMAT_VERSION = 1;

type JSONObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function isObject(value: unknown): value is JSONObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts a JSON string or an already-parsed object, and checks its `type` and `version`. */
export function readHeader(where: string, json: unknown, type: string): JSONObject {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new ValueError(`${where}: 'json' is a string but not valid JSON (${(error as Error).message}).`);
    }
  }
  if (!isObject(value)) throw new ValueError(`${where}: 'json' must be an object, got ${describe(value)}.`);
  if (value.type !== type) {
    throw new ValueError(`${where}: 'json.type' must be '${type}', got ${describe(value.type)}.`);
  }
  if (value.version !== FORMAT_VERSION) {
    throw new ValueError(
      `${where}: 'json.version' must be ${FORMAT_VERSION}, got ${describe(value.version)}; ` +
        'it was written by an unknown version of @llm/tokenizers.',
    );
  }
  return value;
}

function missing(where: string, name: string): ValueError {
  return new ValueError(`${where}: 'json.${name}' is missing.`);
}

/** Reads a required string field. */
export function readString(where: string, obj: JSONObject, name: string): string {
  const value = obj[name];
  if (value === undefined) throw missing(where, name);
  if (typeof value !== 'string') {
    throw new ValueError(`${where}: 'json.${name}' must be a string, got ${describe(value)}.`);
  }
  return value;
}

/** Reads an optional field that is a string or null; `undefined` and `null` both mean absent. */
export function readOptionalString(where: string, obj: JSONObject, name: string): string | null {
  const value = obj[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new ValueError(`${where}: 'json.${name}' must be a string or null, got ${describe(value)}.`);
  }
  return value;
}

/** Reads a required boolean field. */
export function readBoolean(where: string, obj: JSONObject, name: string): boolean {
  const value = obj[name];
  if (value === undefined) throw missing(where, name);
  if (typeof value !== 'boolean') {
    throw new ValueError(`${where}: 'json.${name}' must be a boolean, got ${describe(value)}.`);
  }
  return value;
}

/** Reads a required array of strings. */
export function readStringArray(where: string, obj: JSONObject, name: string): string[] {
  const value = obj[name];
  if (value === undefined) throw missing(where, name);
  if (!Array.isArray(value)) {
    throw new ValueError(`${where}: 'json.${name}' must be an array of strings, got ${describe(value)}.`);
  }
  value.forEach((item, i) => {
    if (typeof item !== 'string') {
      throw new ValueError(`${where}: 'json.${name}[${i}]' must be a string, got ${describe(item)}.`);
    }
  });
  return value as string[];
}

/** Reads a required `{ token: id }` object. */
export function readTokenIds(where: string, obj: JSONObject, name: string): Map<string, number> {
  const value = obj[name];
  if (value === undefined) throw missing(where, name);
  if (!isObject(value)) {
    throw new ValueError(
      `${where}: 'json.${name}' must be an object mapping tokens to ids, got ${describe(value)}.`,
    );
  }
  const out = new Map<string, number>();
  for (const [token, id] of Object.entries(value)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new ValueError(
        `${where}: 'json.${name}' maps ${JSON.stringify(token)} to ${describe(id)}; ids must be non-negative integers.`,
      );
    }
    out.set(token, id);
  }
  return out;
}

/**
 * Checks that the ids of all the maps together are exactly `0..n-1`, each used once, and returns `n`.
 * The same token may not appear in two maps either.
 */
export function checkIdCover(
  where: string,
  maps: ReadonlyArray<readonly [string, ReadonlyMap<string, number>]>,
): number {
  const owner = new Map<number, string>();
  const seenTokens = new Map<string, string>();
  for (const [name, map] of maps) {
    for (const [token, id] of map) {
      const other = owner.get(id);
      if (other !== undefined) {
        throw new ValueError(
          `${where}: id ${id} is used by both ${JSON.stringify(other)} and ${JSON.stringify(token)}.`,
        );
      }
      const otherMap = seenTokens.get(token);
      if (otherMap !== undefined) {
        throw new ValueError(
          `${where}: ${JSON.stringify(token)} appears in both 'json.${otherMap}' and 'json.${name}'.`,
        );
      }
      owner.set(id, token);
      seenTokens.set(token, name);
    }
  }
  const size = owner.size;
  for (let id = 0; id < size; id++) {
    if (!owner.has(id)) {
      const names = maps.map(([name]) => `'json.${name}'`).join(' and ');
      throw new ValueError(
        `${where}: the ids in ${names} must be 0..${size - 1} without gaps; id ${id} is missing.`,
      );
    }
  }
  return size;
}

/** Checks that a named special token (`padToken`, `unkToken`) is one of the special tokens. */
export function checkNamedSpecial(
  where: string,
  name: string,
  token: string | null,
  specials: ReadonlyMap<string, number>,
): void {
  if (token !== null && !specials.has(token)) {
    throw new ValueError(
      `${where}: 'json.${name}' is ${JSON.stringify(token)}, which is not in 'json.specialTokens'.`,
    );
  }
}
