import { IndexError, type Tensor, ValueError } from '@llm/tensor';
import { Module } from './module';

/**
 * An ordered list of modules registered under `0`, `1`, ... (`layers.3.weight`), like
 * `torch.nn.ModuleList`. It has no `forward`; iterate it.
 */
export class ModuleList<M extends Module = Module> extends Module {
  [index: number]: M;
  #length = 0;

  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.push(m);
  }

  get length(): number {
    return this.#length;
  }

  push(module: M): this {
    if (!(module instanceof Module))
      throw new ValueError(`ModuleList.push: expected a Module, got ${typeof module}.`);
    this[this.#length++] = module;
    return this;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): M {
    const i = index < 0 ? index + this.#length : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.#length) {
      throw new IndexError(`ModuleList.at: index ${index} is out of range for length ${this.#length}.`);
    }
    return this[i];
  }

  *[Symbol.iterator](): Iterator<M> {
    for (let i = 0; i < this.#length; i++) yield this[i];
  }

  forward(..._args: never[]): unknown {
    throw new ValueError('ModuleList.forward: a ModuleList has no forward; iterate over its modules.');
  }
}

/** Modules applied one after another, like `torch.nn.Sequential`. */
export class Sequential extends ModuleList<Module & { forward(x: Tensor): Tensor }> {
  constructor(...modules: (Module & { forward(x: Tensor): Tensor })[]) {
    super(modules);
  }

  override forward(x: Tensor): Tensor {
    let h = x;
    for (const m of this) h = m.forward(h);
    return h;
  }
}
