import { readFileSync } from 'node:fs';
import { Generator, ShapeError, type Tensor, tensor, ValueError, zeros } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import {
  LayerNorm,
  Linear,
  LSTM,
  loadModuleSafetensors,
  loadSafetensors,
  Module,
  SafetensorsError,
  saveModuleSafetensors,
  saveSafetensors,
} from './index';

/** A file from a header value (serialised as JSON unless a string) and raw data bytes. */
function build(header: unknown, data: Uint8Array = new Uint8Array(0), length?: number | bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(length ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const f32 = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);

function expectCorrupt(bytes: Uint8Array, message: RegExp): void {
  expect(() => loadSafetensors(bytes)).toThrow(SafetensorsError);
  expect(() => loadSafetensors(bytes)).toThrow(message);
}

describe('saveSafetensors / loadSafetensors', () => {
  it('round-trips float32, float64, int32, bool, 0-d and empty tensors with metadata', () => {
    const tensors: Record<string, Tensor> = {
      'layer.weight': tensor([
        [1.5, -2, Number.NaN],
        [Number.POSITIVE_INFINITY, 1e-30, 3],
      ]),
      double: tensor([Math.PI, -1e300], { dtype: 'float64' }),
      ids: tensor([-2147483648, 0, 2147483647], { dtype: 'int32' }),
      mask: tensor([true, false, true, true]),
      scalar: tensor(2.5),
      empty: zeros([0, 3]),
    };
    const bytes = saveSafetensors(tensors, { format: 'pt', note: 'ünïcode' });
    const { tensors: back, metadata } = loadSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt', note: 'ünïcode' });
    expect(Object.keys(back).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, t] of Object.entries(tensors)) {
      expect(back[name].dtype).toBe(t.dtype);
      expect(back[name].shape).toEqual(t.shape);
      expect(Array.from(back[name].data)).toEqual(Array.from(t.data));
    }
  });

  it('pads the header to 8 bytes and aligns every tensor to its item size', () => {
    const bytes = saveSafetensors({
      a: tensor([1, 2, 3]),
      b: tensor([1], { dtype: 'float64' }),
      c: tensor([true]),
    });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.b.data_offsets).toEqual([0, 8]); // float64 first
    expect(header.a.data_offsets).toEqual([8, 20]);
    expect(header.c).toEqual({ dtype: 'BOOL', shape: [1], data_offsets: [20, 21] });
    expect(header.__metadata__).toBeUndefined();
  });

  it('reads a file laid out by the Hugging Face serializer (written from torch tensors by parity/generate.py)', () => {
    const dir = new URL('../parity/fixtures/', import.meta.url);
    const bytes = new Uint8Array(readFileSync(new URL('tiny.safetensors', dir)));
    const expected = JSON.parse(readFileSync(new URL('tiny.safetensors.json', dir), 'utf8'));
    const { tensors, metadata } = loadSafetensors(bytes);
    expect(metadata).toEqual(expected.metadata);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected.tensors).sort());
    for (const [name, e] of Object.entries<{
      dtype: string;
      shape: number[];
      data: (number | string | boolean)[];
    }>(expected.tensors)) {
      const t = tensors[name];
      expect([name, t.dtype, t.shape]).toEqual([name, e.dtype, e.shape]);
      const want = e.data.map((v) =>
        v === 'inf' ? Number.POSITIVE_INFINITY : typeof v === 'boolean' ? Number(v) : Number(v),
      );
      const got = Array.from(t.data);
      if (e.dtype === 'float32') expect(got).toEqual(want.map(Math.fround));
      else expect(got).toEqual(want);
    }
  });

  it('rejects bad arguments to save', () => {
    expect(() => saveSafetensors({ __metadata__: tensor([1]) })).toThrow(/reserved/);
    expect(() => saveSafetensors({ a: [1, 2] as unknown as Tensor })).toThrow(/'tensors.a' must be a Tensor/);
    expect(() => saveSafetensors({ a: tensor([1]) }, { v: 1 as unknown as string })).toThrow(
      /'metadata.v' must be a string/,
    );
  });
});

describe('loadSafetensors validation', () => {
  const good = () => build({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, f32([1, 2]));

  it('accepts the reference file', () => {
    expect(Array.from(loadSafetensors(good()).tensors.a.data)).toEqual([1, 2]);
  });

  it('rejects truncated files', () => {
    expectCorrupt(new Uint8Array(5), /too short/);
    const g = good();
    expectCorrupt(g.subarray(0, 20), /runs past the end/);
    expectCorrupt(g.subarray(0, g.length - 1), /cover 8 bytes but the data buffer holds 7|run past/);
  });

  it('rejects huge or out-of-file header lengths without allocating', () => {
    expectCorrupt(build({}, new Uint8Array(0), 2n ** 63n), /exceeds the limit/);
    expectCorrupt(build({}, new Uint8Array(0), 2n ** 64n - 1n), /exceeds the limit/);
    expectCorrupt(build({}, new Uint8Array(0), 200_000_000), /exceeds the limit/);
    expectCorrupt(build({}, new Uint8Array(0), 1000), /runs past the end/);
    expect(() => loadSafetensors(good(), { maxHeaderBytes: 10 })).toThrow(/limit of 10 bytes/);
  });

  it('rejects headers that are not a UTF-8 JSON object', () => {
    expectCorrupt(build('not json'), /JSON object starting with/);
    expectCorrupt(build('{"a": '), /not valid JSON/);
    expectCorrupt(build('[1, 2]'), /starting with '\{'/);
    expectCorrupt(build(' {}'), /starting with '\{'/);
    const bad = build('{"\u00e9": 1}');
    bad[11] = 0xff; // break the UTF-8 sequence
    expectCorrupt(bad, /UTF-8/);
    expectCorrupt(build({ a: 'F32' }), /must be an object with dtype/);
  });

  it('rejects unknown dtypes and bad shapes', () => {
    expectCorrupt(
      build({ a: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }, new Uint8Array(16)),
      /dtype "F128"/,
    );
    expectCorrupt(
      build({ a: { dtype: 'toString', shape: [], data_offsets: [0, 4] } }, new Uint8Array(4)),
      /dtype/,
    );
    expectCorrupt(build({ a: { shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)), /dtype undefined/);
    for (const shape of [[-1], [1.5], ['2'], 2, null, [2 ** 53]]) {
      expectCorrupt(build({ a: { dtype: 'F32', shape, data_offsets: [0, 8] } }, new Uint8Array(8)), /shape/);
    }
  });

  it('rejects offsets out of range, reversed or not matching the shape', () => {
    const file = (offsets: unknown, shape = [2], n = 8) =>
      build({ a: { dtype: 'F32', shape, data_offsets: offsets } }, new Uint8Array(n));
    expectCorrupt(file([0, 16]), /run past the 8-byte data buffer/);
    expectCorrupt(file([8, 0]), /0 <= begin <= end/);
    expectCorrupt(file([-8, 0]), /0 <= begin <= end/);
    expectCorrupt(file([0]), /data_offsets/);
    expectCorrupt(file('0,8'), /data_offsets/);
    expectCorrupt(file([0, 8], [3]), /span 8 bytes/);
    expectCorrupt(file([0, 8], [2 ** 30, 2 ** 30, 2 ** 30]), /span 8 bytes/); // no overflow into a match
  });

  it('rejects overlapping ranges, holes and trailing bytes', () => {
    const two = (a: number[], b: number[], n: number) =>
      build(
        {
          a: { dtype: 'F32', shape: [1], data_offsets: a },
          b: { dtype: 'F32', shape: [1], data_offsets: b },
        },
        new Uint8Array(n),
      );
    expect(() => loadSafetensors(two([0, 4], [4, 8], 8))).not.toThrow();
    expectCorrupt(two([0, 4], [0, 4], 4), /overlaps/);
    expectCorrupt(two([0, 4], [8, 12], 12), /hole at bytes \[4, 8\)/);
    expectCorrupt(two([4, 8], [8, 12], 12), /hole at bytes \[0, 4\)/);
    expectCorrupt(two([0, 4], [4, 8], 12), /trailing or missing/);
    // empty tensors take no bytes and may sit anywhere on the tiling
    const empty = build(
      {
        a: { dtype: 'F32', shape: [0, 5], data_offsets: [4, 4] },
        b: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
      },
      new Uint8Array(4),
    );
    expect(loadSafetensors(empty).tensors.a.shape).toEqual([0, 5]);
  });

  it('rejects duplicate names and non-string metadata; never pollutes prototypes', () => {
    expectCorrupt(
      build(
        '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
        new Uint8Array(4),
      ),
      /names 'a' twice/,
    );
    expectCorrupt(build({ __metadata__: { step: 3 } }), /'__metadata__.step' must be a string/);
    expectCorrupt(build({ __metadata__: ['x'] }), /'__metadata__' must be an object/);
    const proto = build(
      '{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"__metadata__":{"__proto__":"x"}}',
      f32([7]),
    );
    const { tensors, metadata } = loadSafetensors(proto);
    expect(Object.getPrototypeOf(tensors)).toBe(Object.prototype);
    expect(Object.keys(tensors)).toEqual(['__proto__']);
    expect(Array.from(Object.getOwnPropertyDescriptor(tensors, '__proto__')!.value.data)).toEqual([7]);
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')!.value).toBe('x');
  });

  it('converts F16, BF16, I64 and U8 and rejects I64 values outside int32', () => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigInt64(0, 2n ** 40n, true);
    expectCorrupt(build({ a: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, bytes), /outside int32/);
    const half = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x0001, 0x7c00]).buffer);
    const t = loadSafetensors(build({ h: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }, half)).tensors
      .h;
    expect(Array.from(t.data)).toEqual([1, -2, Math.fround(2 ** -24), Number.POSITIVE_INFINITY]);
  });

  it('fuzz: random corruptions of a valid file load or throw SafetensorsError, nothing else', () => {
    const base = saveSafetensors(
      { w: tensor([[1, 2, 3]]), b: tensor([1], { dtype: 'float64' }), m: tensor([true, false]) },
      { k: 'v' },
    );
    const g = new Generator(42);
    let rejected = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const bytes = base.slice(0, trial % 7 === 0 ? g.nextInt(0, base.length) : base.length);
      const flips = g.nextInt(1, 4);
      for (let k = 0; k < flips && bytes.length > 0; k++) {
        const at = trial % 3 === 0 ? g.nextInt(0, Math.min(bytes.length, 8)) : g.nextInt(0, bytes.length);
        bytes[at] = g.nextInt(0, 256);
      }
      try {
        loadSafetensors(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(SafetensorsError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(1000);
  });
});

class Net extends Module {
  fc = new Linear(3, 4, { generator: new Generator(1) });
  norm = new LayerNorm(4);
  rnn = new LSTM(4, 2, { numLayers: 2, generator: new Generator(2) });
  forward(x: Tensor): Tensor {
    return this.rnn.forward(this.norm.forward(this.fc.forward(x)))[0];
  }
}

describe('module safetensors helpers', () => {
  it('saves a state dict and loads it into a fresh module', () => {
    const a = new Net();
    const b = new Net();
    b.fc.weight.assign(zeros([4, 3]));
    const bytes = saveModuleSafetensors(a, { epoch: '3' });
    expect(loadSafetensors(bytes).metadata).toEqual({ epoch: '3' });
    expect(loadModuleSafetensors(b, bytes)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    for (const [name, t] of Object.entries(a.stateDict())) {
      expect(Array.from(b.stateDict()[name].data)).toEqual(Array.from(t.data));
    }
    const x = tensor([[[0.1, 0.2, 0.3]]]);
    expect(Array.from(b.forward(x).data)).toEqual(Array.from(a.forward(x).data));
  });

  it('is strict about names and always about shapes', () => {
    const net = new Net();
    const extra = saveSafetensors({ ...net.stateDict(), 'fc.extra': tensor([1]) });
    expect(() => loadModuleSafetensors(net, extra)).toThrow(/unexpected: fc.extra/);
    expect(loadModuleSafetensors(net, extra, { strict: false }).unexpectedKeys).toEqual(['fc.extra']);
    const { 'fc.bias': _, ...rest } = net.stateDict();
    expect(() => loadModuleSafetensors(net, saveSafetensors(rest))).toThrow(/missing: fc.bias/);
    const wrong = saveSafetensors({ ...net.stateDict(), 'fc.bias': zeros([5]) });
    expect(() => loadModuleSafetensors(net, wrong)).toThrow(ShapeError);
    expect(() => loadModuleSafetensors(net, new Uint8Array(3))).toThrow(ValueError);
  });
});
