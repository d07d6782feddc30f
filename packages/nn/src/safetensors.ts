import { type DType, Tensor, tensor, ValueError } from '@llm/tensor';
import type { LoadResult, Module } from './module';

// The safetensors format (https://github.com/huggingface/safetensors#format): an 8-byte little-endian
// header length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__":
// {string: string}}, then the raw little-endian, row-major tensor bytes. Offsets are relative to the
// start of the data buffer, which they must cover exactly, without holes or overlaps.

/** Thrown when bytes are not a valid safetensors file; the message says which rule failed. */
export class SafetensorsError extends ValueError {
  override name = 'SafetensorsError';
}

/** The safetensors dtypes this package reads; F32, F64, I32 and BOOL are also written. */
export type SafetensorsDType =
  | 'F32'
  | 'F64'
  | 'I32'
  | 'BOOL'
  | 'F16'
  | 'BF16'
  | 'I64'
  | 'I8'
  | 'U8'
  | 'I16'
  | 'U16';

const ITEM_SIZE: Record<SafetensorsDType, number> = {
  F64: 8,
  I64: 8,
  F32: 4,
  I32: 4,
  F16: 2,
  BF16: 2,
  I16: 2,
  U16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

// The dtype each safetensors dtype becomes here: half floats widen to float32, small ints to int32,
// I64 narrows to int32 (values outside int32 are an error).
const TO_DTYPE: Record<SafetensorsDType, DType> = {
  F64: 'float64',
  F32: 'float32',
  F16: 'float32',
  BF16: 'float32',
  I64: 'int32',
  I32: 'int32',
  I16: 'int32',
  U16: 'int32',
  I8: 'int32',
  U8: 'int32',
  BOOL: 'bool',
};

const FROM_DTYPE: Record<DType, SafetensorsDType> = {
  float64: 'F64',
  float32: 'F32',
  int32: 'I32',
  bool: 'BOOL',
};

/** The official readers' limit on the JSON header (100 MB). */
export const MAX_HEADER_BYTES = 100_000_000;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A parsed safetensors file: tensors by name and the free-form string metadata. */
export interface Safetensors {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/**
 * Serialises `tensors` (float32, float64, int32, bool) and optional string `metadata` to the
 * safetensors format. Tensors are laid out by item size, then name, and the header is padded with
 * spaces to a multiple of 8 bytes, so every tensor starts aligned to its item size.
 */
export function saveSafetensors(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const op = 'saveSafetensors';
  if (tensors === null || typeof tensors !== 'object') {
    throw new ValueError(`${op}: 'tensors' must be an object of named tensors.`);
  }
  const entries = Object.entries(tensors);
  for (const [name, t] of entries) {
    if (name === '__metadata__')
      throw new ValueError(`${op}: '__metadata__' is reserved and cannot name a tensor.`);
    if (!(t instanceof Tensor)) throw new ValueError(`${op}: 'tensors.${name}' must be a Tensor.`);
  }
  if (metadata !== undefined) checkMetadata(op, metadata);
  entries.sort(([a, x], [b, y]) => {
    const d = ITEM_SIZE[FROM_DTYPE[y.dtype]] - ITEM_SIZE[FROM_DTYPE[x.dtype]];
    return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
  });
  const header: Record<string, unknown> = {};
  if (metadata !== undefined && Object.keys(metadata).length > 0) header.__metadata__ = { ...metadata };
  let offset = 0;
  const chunks: Uint8Array[] = [];
  for (const [name, t] of entries) {
    const bytes = toBytes(t);
    define(header, name, {
      dtype: FROM_DTYPE[t.dtype],
      shape: [...t.shape],
      data_offsets: [offset, offset + bytes.byteLength],
    });
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  if (padded !== json.byteLength) {
    const withSpaces = new Uint8Array(padded).fill(0x20);
    withSpaces.set(json);
    json = withSpaces;
  }
  const out = new Uint8Array(8 + json.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.byteLength, true);
  view.setUint32(4, Math.floor(json.byteLength / 2 ** 32), true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Options for `loadSafetensors`. */
export interface LoadSafetensorsOptions {
  /** Largest JSON header accepted, in bytes (default 100 MB, the official limit). */
  maxHeaderBytes?: number;
}

/**
 * Parses a safetensors file, validating it first so that a corrupt or hostile file gives a
 * `SafetensorsError` rather than a crash or an allocation larger than the file: the header length
 * fits the file and the limit, the header is a UTF-8 JSON object with no duplicate keys, every
 * dtype is known, shapes are non-negative integers, `end - begin == numel * itemSize`, and the
 * offsets tile the data buffer exactly (no overlaps, no holes, nothing after the last tensor).
 */
export function loadSafetensors(bytes: Uint8Array, options: LoadSafetensorsOptions = {}): Safetensors {
  const op = 'loadSafetensors';
  if (!(bytes instanceof Uint8Array)) throw new ValueError(`${op}: 'bytes' must be a Uint8Array.`);
  const maxHeader = options.maxHeaderBytes ?? MAX_HEADER_BYTES;
  if (bytes.byteLength < 8) {
    throw new SafetensorsError(
      `${op}: the file is ${bytes.byteLength} bytes, too short for the 8-byte header length.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  const n = hi * 2 ** 32 + lo; // exact below 2^53; anything larger fails the bounds below
  if (n > maxHeader) {
    throw new SafetensorsError(`${op}: the header length ${n} exceeds the limit of ${maxHeader} bytes.`);
  }
  if (n > bytes.byteLength - 8) {
    throw new SafetensorsError(
      `${op}: the header length ${n} runs past the end of the file (${bytes.byteLength - 8} bytes after the length).`,
    );
  }
  if (n < 2 || bytes[8] !== 0x7b)
    throw new SafetensorsError(`${op}: the header must be a JSON object starting with '{'.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new SafetensorsError(`${op}: the header is not valid UTF-8.`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(`${op}: the header is not valid JSON (${(e as Error).message}).`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new SafetensorsError(`${op}: the header must be a JSON object.`);
  }
  checkNoDuplicateKeys(op, text);
  const dataStart = 8 + n;
  const dataLength = bytes.byteLength - dataStart;
  const metadata: Record<string, string> = {};
  const specs: { name: string; dtype: SafetensorsDType; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new SafetensorsError(`${op}: '__metadata__' must be an object of strings.`);
      }
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v !== 'string')
          throw new SafetensorsError(`${op}: '__metadata__.${k}' must be a string, got ${typeof v}.`);
        define(metadata, k, v);
      }
      continue;
    }
    specs.push(parseEntry(op, name, raw, dataLength));
  }
  // The ranges must tile [0, dataLength): sorted by begin, each starts where the previous ended.
  const order = [...specs].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const s of order) {
    if (s.begin < covered) {
      throw new SafetensorsError(
        `${op}: '${s.name}' [${s.begin}, ${s.end}) overlaps another tensor's bytes.`,
      );
    }
    if (s.begin > covered) {
      throw new SafetensorsError(
        `${op}: the data buffer has a hole at bytes [${covered}, ${s.begin}) before '${s.name}'.`,
      );
    }
    covered = s.end;
  }
  if (covered !== dataLength) {
    throw new SafetensorsError(
      `${op}: the tensors cover ${covered} bytes but the data buffer holds ${dataLength}; the file has trailing or missing bytes.`,
    );
  }
  const tensors: Record<string, Tensor> = {};
  for (const s of specs) {
    define(tensors, s.name, decode(op, s, bytes.subarray(dataStart + s.begin, dataStart + s.end)));
  }
  return { tensors, metadata };
}

/** Serialises `module.stateDict()` (parameters and persistent buffers) to safetensors bytes. */
export function saveModuleSafetensors(module: Module, metadata?: Record<string, string>): Uint8Array {
  return saveSafetensors(module.stateDict(), metadata);
}

/**
 * Loads safetensors bytes into `module` through `loadStateDict`: with `strict` (default) the file's
 * names must be exactly the module's; shapes must always match. Values are copied in place.
 */
export function loadModuleSafetensors(
  module: Module,
  bytes: Uint8Array,
  options: LoadSafetensorsOptions & { strict?: boolean } = {},
): LoadResult {
  const { tensors } = loadSafetensors(bytes, options);
  return module.loadStateDict(tensors, { strict: options.strict ?? true });
}

function parseEntry(
  op: string,
  name: string,
  raw: unknown,
  dataLength: number,
): { name: string; dtype: SafetensorsDType; shape: number[]; begin: number; end: number } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SafetensorsError(`${op}: '${name}' must be an object with dtype, shape and data_offsets.`);
  }
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string' || !Object.hasOwn(ITEM_SIZE, dtype)) {
    throw new SafetensorsError(
      `${op}: '${name}' has dtype ${JSON.stringify(dtype)}; supported: ${Object.keys(ITEM_SIZE).join(', ')}.`,
    );
  }
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new SafetensorsError(
      `${op}: '${name}' must have a shape of non-negative integers, got ${JSON.stringify(shape)}.`,
    );
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    offsets.some((o) => !Number.isSafeInteger(o) || o < 0) ||
    offsets[0] > offsets[1]
  ) {
    throw new SafetensorsError(
      `${op}: '${name}' must have data_offsets [begin, end] with 0 <= begin <= end, got ${JSON.stringify(offsets)}.`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataLength) {
    throw new SafetensorsError(
      `${op}: '${name}' data_offsets [${begin}, ${end}] run past the ${dataLength}-byte data buffer.`,
    );
  }
  const itemSize = ITEM_SIZE[dtype as SafetensorsDType];
  // Multiply with an early exit so a hostile shape cannot grow past the span (or overflow).
  const span = end - begin;
  let expected = (shape as number[]).includes(0) ? 0 : itemSize;
  for (const d of shape as number[]) {
    if (expected > span) break;
    expected *= d;
  }
  if (expected !== end - begin) {
    throw new SafetensorsError(
      `${op}: '${name}' has shape ${JSON.stringify(shape)} of ${dtype} but data_offsets [${begin}, ${end}] span ${end - begin} bytes.`,
    );
  }
  return { name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end };
}

function decode(
  op: string,
  s: { name: string; dtype: SafetensorsDType; shape: number[] },
  raw: Uint8Array,
): Tensor {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const count = raw.byteLength / ITEM_SIZE[s.dtype];
  const dtype = TO_DTYPE[s.dtype];
  let data: Float32Array | Float64Array | Int32Array | Uint8Array;
  switch (s.dtype) {
    case 'F32':
      data = LITTLE_ENDIAN
        ? new Float32Array(copyOf(raw))
        : mapTo(new Float32Array(count), (i) => view.getFloat32(4 * i, true));
      break;
    case 'F64':
      data = LITTLE_ENDIAN
        ? new Float64Array(copyOf(raw))
        : mapTo(new Float64Array(count), (i) => view.getFloat64(8 * i, true));
      break;
    case 'I32':
      data = LITTLE_ENDIAN
        ? new Int32Array(copyOf(raw))
        : mapTo(new Int32Array(count), (i) => view.getInt32(4 * i, true));
      break;
    case 'F16':
      data = mapTo(new Float32Array(count), (i) => halfToFloat(view.getUint16(2 * i, true)));
      break;
    case 'BF16': {
      const f = new DataView(new ArrayBuffer(4));
      data = mapTo(new Float32Array(count), (i) => {
        f.setUint32(0, view.getUint16(2 * i, true) << 16);
        return f.getFloat32(0);
      });
      break;
    }
    case 'I64':
      data = mapTo(new Int32Array(count), (i) => {
        const v = view.getBigInt64(8 * i, true);
        if (v > 2147483647n || v < -2147483648n) {
          throw new SafetensorsError(`${op}: '${s.name}' holds the I64 value ${v}, outside int32's range.`);
        }
        return Number(v);
      });
      break;
    case 'I16':
      data = mapTo(new Int32Array(count), (i) => view.getInt16(2 * i, true));
      break;
    case 'U16':
      data = mapTo(new Int32Array(count), (i) => view.getUint16(2 * i, true));
      break;
    case 'I8':
      data = mapTo(new Int32Array(count), (i) => view.getInt8(i));
      break;
    case 'U8':
      data = mapTo(new Int32Array(count), (i) => raw[i]);
      break;
    case 'BOOL':
      data = mapTo(new Uint8Array(count), (i) => (raw[i] !== 0 ? 1 : 0));
      break;
  }
  return tensor(data, { shape: s.shape, dtype });
}

function toBytes(t: Tensor): Uint8Array {
  const data = t.data;
  if (LITTLE_ENDIAN || t.dtype === 'bool') {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  }
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    if (t.dtype === 'float32') view.setFloat32(4 * i, data[i], true);
    else if (t.dtype === 'float64') view.setFloat64(8 * i, data[i], true);
    else view.setInt32(4 * i, data[i], true);
  }
  return out;
}

function copyOf(raw: Uint8Array): ArrayBuffer {
  return raw.slice().buffer;
}

function mapTo<A extends Float32Array | Float64Array | Int32Array | Uint8Array>(
  out: A,
  f: (i: number) => number,
): A {
  for (let i = 0; i < out.length; i++) out[i] = f(i);
  return out;
}

/** IEEE 754 binary16 to a JS number (exact). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function checkMetadata(op: string, metadata: unknown): void {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new ValueError(`${op}: 'metadata' must be an object of strings.`);
  }
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string')
      throw new ValueError(`${op}: 'metadata.${k}' must be a string, got ${typeof v}.`);
  }
}

/** Sets an own property even for names like `__proto__`, which plain assignment would not. */
function define<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * JSON.parse keeps the last of duplicate keys silently; the format forbids them, and a second entry
 * for a name could hide bytes. Scans the header's top-level keys (strings at depth 1 before a ':').
 */
function checkNoDuplicateKeys(op: string, text: string): void {
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1) {
        let k = j + 1;
        while (text[k] === ' ' || text[k] === '\n' || text[k] === '\r' || text[k] === '\t') k++;
        if (text[k] === ':') {
          const key = JSON.parse(text.slice(i, j + 1)) as string;
          if (seen.has(key)) throw new SafetensorsError(`${op}: the header names '${key}' twice.`);
          seen.add(key);
        }
      }
      i = j;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
}
