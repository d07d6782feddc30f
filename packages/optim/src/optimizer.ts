import { noGrad, ShapeError, Tensor, tensor, ValueError } from '@llm/tensor';

/** Per-parameter optimizer state: moment buffers (flat float32, row-major) and counters. */
export type ParamState = { [key: string]: Float32Array | number | undefined };

/** The options every optimizer's groups carry: a learning rate (`null` only for Adafactor's relative step). */
export interface BaseGroupOptions {
  lr: number | null;
}

/**
 * One parameter group: its tensors plus the full option set (defaults filled in). Schedulers write
 * `lr` (and `momentum` / `betas`) here; `initialLr` is set by the first scheduler attached.
 */
export type ParamGroup<O extends BaseGroupOptions> = O & { params: Tensor[]; initialLr?: number };

/** What a constructor accepts: a list of tensors, or groups of tensors with per-group overrides. */
export type ParamsInput<O extends BaseGroupOptions> =
  | readonly Tensor[]
  | readonly ({ params: readonly Tensor[] } & Partial<O>)[];

/** Checks a group's full option set; method-shaped so optimizers stay assignable to `Optimizer<BaseGroupOptions>`. */
type Validator<O> = { bivarianceHack(options: O): void }['bivarianceHack'];

type Json = number | boolean | null | string | Json[] | { [key: string]: Json };

/** The JSON-serialisable form of an optimizer: state by parameter index, groups by options. */
export interface OptimizerStateDict {
  state: Record<string, Record<string, number | number[]>>;
  paramGroups: ({ params: number[] } & Record<string, Json>)[];
}

/** The result of one pure update: the parameter's new values and its new state. */
export interface UpdateResult<S extends ParamState> {
  param: Float32Array;
  state: S;
}

/**
 * Base class of every optimizer, mirroring `torch.optim.Optimizer`: parameter groups with defaults
 * filled in, per-parameter state, `step()`, `zeroGrad()` and JSON state dicts. Subclasses provide the
 * per-parameter math as a pure function of (param, grad, state, group) over float32 arrays, and may
 * provide an in-place twin (`updateInPlace`); `step()` runs it under `noGrad` inside
 * `param.assignWith`, which hands it the parameter's own storage when it holds it alone, so a step
 * on the cpu and wasm backends allocates nothing per parameter (typed-array loops beat a chain of
 * tensor ops by a wide margin there).
 */
export abstract class Optimizer<O extends BaseGroupOptions, S extends ParamState = ParamState> {
  /** The options a group gets unless it overrides them. */
  readonly defaults: Readonly<O>;
  readonly paramGroups: ParamGroup<O>[] = [];
  /** State per parameter, created on its first update. */
  readonly state = new Map<Tensor, S>();
  /** The class name used in error messages. */
  protected readonly name: string;
  readonly #validate: Validator<O>;

  constructor(name: string, params: ParamsInput<O>, defaults: O, validate: Validator<O>) {
    this.name = name;
    this.#validate = validate;
    validate(defaults);
    this.defaults = Object.freeze({ ...defaults });
    if (!Array.isArray(params) || params.length === 0) {
      throw new ValueError(`${name}: 'params' must be a non-empty list of tensors or parameter groups.`);
    }
    const groups = params[0] instanceof Tensor ? [{ params: params as readonly Tensor[] }] : params;
    for (const group of groups as readonly ({ params: readonly Tensor[] } & Partial<O>)[]) {
      this.addParamGroup(group);
    }
  }

  /** Adds a group of parameters (options not given come from `defaults`), like `add_param_group`. */
  addParamGroup(group: { params: readonly Tensor[] } & Partial<O>): void {
    const name = this.name;
    if (group === null || typeof group !== 'object' || !Array.isArray(group.params)) {
      throw new ValueError(`${name}: a parameter group must be an object with a 'params' list.`);
    }
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    group.params.forEach((p, i) => {
      if (!(p instanceof Tensor)) {
        throw new ValueError(`${name}: 'params[${i}]' of group ${this.paramGroups.length} must be a Tensor.`);
      }
      if (p.dtype !== 'float32') {
        throw new ValueError(
          `${name}: parameters must be float32, got ${p.dtype} at 'params[${i}]' of group ${this.paramGroups.length}.`,
        );
      }
      if (!p.isLeaf) throw new ValueError(`${name}: can't optimize a non-leaf tensor (use detach()).`);
      if (seen.has(p))
        throw new ValueError(`${name}: some parameters appear in more than one parameter group.`);
      seen.add(p);
    });
    const { params, ...overrides } = group;
    const options = { ...structuredClone(this.defaults), ...structuredClone(overrides) } as O;
    this.#validate(options);
    this.paramGroups.push({ ...options, params: [...params] });
  }

  /**
   * The math of one parameter: returns its new values and state without touching the inputs.
   * `state` is `undefined` on the first update.
   */
  protected abstract update(
    param: Float32Array,
    grad: Float32Array,
    state: S | undefined,
    group: ParamGroup<O>,
    shape: readonly number[],
  ): UpdateResult<S>;

  /**
   * The same math as `update`, writing the new values into `param` (the parameter's own storage when
   * it holds it alone) and returning the new state, which may reuse `state`'s arrays: what `step()`
   * calls. This default copies `update`'s result; optimizers override it to update without allocating.
   */
  protected updateInPlace(
    param: Float32Array,
    grad: Float32Array,
    state: S | undefined,
    group: ParamGroup<O>,
    shape: readonly number[],
  ): S {
    const out = this.update(param, grad, state, group, shape);
    param.set(out.param);
    return out.state;
  }

  /**
   * One optimization step over every parameter that has a gradient (parameters whose `grad` is
   * `null` are skipped, their state untouched). `closure`, if given, re-evaluates the loss first and
   * its value is returned.
   */
  step(closure?: () => number): number | undefined {
    const loss = closure?.();
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          const g = p.grad;
          if (g === null) continue;
          this.#checkGradShape(p, g);
          // peekData: read now, not kept, so the gradient's storage stays reusable by zeroGrad/backward.
          const grad =
            g.dtype === 'float32' ? (g.peekData() as Float32Array) : Float32Array.from(g.peekData());
          const state = this.state.get(p);
          p.assignWith((target, current) => {
            if (target !== current) target.set(current);
            this.state.set(p, this.updateInPlace(target as Float32Array, grad, state, group, p.shape));
          });
        }
      }
    });
    return loss;
  }

  /**
   * `step()` for backends that can only read results asynchronously (WebGPU through
   * `@llm/kernels-gpu`, where `step()` throws): reads each parameter and gradient with `dataAsync()`,
   * runs the same update on the host and writes the parameter back with `assign`. Same numbers as
   * `step()`, bit for bit; on cpu and wasm prefer `step()`, which updates in place.
   */
  async stepAsync(closure?: () => number | Promise<number>): Promise<number | undefined> {
    const loss = await closure?.();
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        this.#checkGradShape(p, g);
        const gradData = await g.dataAsync();
        const grad = g.dtype === 'float32' ? (gradData as Float32Array) : Float32Array.from(gradData);
        // A copy in the parameter's own array type: the update runs on it, then it is written back.
        const param = (await p.dataAsync()).slice() as Float32Array;
        this.state.set(p, this.updateInPlace(param, grad, this.state.get(p), group, p.shape));
        noGrad(() => p.assign(tensor(param, { shape: [...p.shape], dtype: p.dtype })));
      }
    }
    return loss;
  }

  #checkGradShape(p: Tensor, g: Tensor): void {
    if (g.shape.join() !== p.shape.join()) {
      throw new ShapeError(
        `${this.name}: a gradient has shape [${g.shape.join(', ')}], its parameter [${p.shape.join(', ')}].`,
      );
    }
  }

  /**
   * Clears every parameter's gradient: zero-filled by default (PyTorch 1.13's default), or set to
   * `null` with `setToNone`, which also makes `step()` skip the parameter until it gets a new one.
   */
  zeroGrad(setToNone = false): void {
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          if (p.grad === null) continue;
          if (setToNone) p.grad = null;
          else p.grad.assign(0);
        }
      }
    });
  }

  /** A JSON-serialisable snapshot: typed arrays become number arrays (float32 values survive JSON exactly). */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((group) => {
      const { params, ...options } = group;
      const ids = params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p)!;
      });
      return { ...(structuredClone(options) as unknown as Record<string, Json>), params: ids };
    });
    const state: OptimizerStateDict['state'] = {};
    for (const [p, s] of this.state) {
      const id = index.get(p);
      if (id === undefined) continue;
      const entry: Record<string, number | number[]> = {};
      for (const [key, value] of Object.entries(s)) {
        if (value === undefined) continue;
        entry[key] = typeof value === 'number' ? value : Array.from(value);
      }
      state[String(id)] = entry;
    }
    return { state, paramGroups };
  }

  /** Restores a `stateDict()` (also after a JSON round trip) into an optimizer over the same parameter layout. */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const name = this.name;
    if (!stateDict || !Array.isArray(stateDict.paramGroups) || typeof stateDict.state !== 'object') {
      throw new ValueError(`${name}: loadStateDict: expected an object with 'state' and 'paramGroups'.`);
    }
    const saved = stateDict.paramGroups;
    if (saved.length !== this.paramGroups.length) {
      throw new ValueError(
        `${name}: loadStateDict: the state dict has ${saved.length} parameter groups, the optimizer has ${this.paramGroups.length}.`,
      );
    }
    saved.forEach((g, i) => {
      if (!Array.isArray(g.params) || g.params.length !== this.paramGroups[i].params.length) {
        throw new ValueError(
          `${name}: loadStateDict: group ${i} has ${g.params?.length} parameters in the state dict, ${this.paramGroups[i].params.length} in the optimizer.`,
        );
      }
    });
    const byId = new Map<number, Tensor>();
    saved.forEach((g, i) => {
      g.params.forEach((id, k) => {
        byId.set(id, this.paramGroups[i].params[k]);
      });
    });
    const nextState = new Map<Tensor, S>();
    for (const [id, entry] of Object.entries(stateDict.state)) {
      const p = byId.get(Number(id));
      if (!p) throw new ValueError(`${name}: loadStateDict: state for unknown parameter index ${id}.`);
      const s: ParamState = {};
      for (const [key, value] of Object.entries(entry)) {
        s[key] = Array.isArray(value) ? Float32Array.from(value) : value;
      }
      nextState.set(p, s as S);
    }
    saved.forEach((g, i) => {
      const { params: _ids, ...options } = g;
      const group = this.paramGroups[i];
      Object.assign(group, structuredClone(options));
      this.#validate(group);
    });
    this.state.clear();
    for (const [p, s] of nextState) this.state.set(p, s);
  }
}
