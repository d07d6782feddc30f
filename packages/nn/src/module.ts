import { noGrad, ShapeError, Tensor, ValueError } from '@llm/tensor';
import { Parameter } from './parameter';

/** Keys that did not line up in `loadStateDict(dict, { strict: false })`. */
export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Base class of every layer and model, like `torch.nn.Module`. Fields holding a `Parameter` or a
 * `Module` are found automatically, in the order they were assigned, and named by their field
 * (`blocks.0.attn.qkv.weight`); non-learnable state goes through `registerBuffer`. Subclasses
 * implement `forward`.
 */
export abstract class Module {
  /** Training mode (dropout active, ...); switch with `train()` / `eval()`. */
  training = true;
  readonly #buffers = new Map<string, { tensor: Tensor; persistent: boolean }>();

  abstract forward(...args: never[]): unknown;

  /** Registers non-learnable state (running statistics, masks) saved in the state dict unless `persistent` is false. */
  protected registerBuffer(name: string, tensor: Tensor, persistent = true): Tensor {
    this.#buffers.set(name, { tensor, persistent });
    return tensor;
  }

  /** Direct children, in field order. */
  namedChildren(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(join(prefix, name)));
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** This module's own parameters (not its children's), in field order. */
  ownParameters(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  /** Every parameter with its dotted name (`blocks.0.attn.qkv.weight`); each tensor is listed once. */
  namedParameters(prefix = ''): [string, Parameter][] {
    const seen = new Set<Tensor>();
    const out: [string, Parameter][] = [];
    for (const [path, m] of this.namedModules(prefix)) {
      for (const [name, p] of m.ownParameters()) {
        if (seen.has(p)) continue; // tied weights appear once, under their first name
        seen.add(p);
        out.push([join(path, name), p]);
      }
    }
    return out;
  }

  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Every registered buffer with its dotted name. */
  namedBuffers(prefix = '', onlyPersistent = false): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [path, m] of this.namedModules(prefix)) {
      for (const [name, b] of m.#buffers) {
        if (!onlyPersistent || b.persistent) out.push([join(path, name), b.tensor]);
      }
    }
    return out;
  }

  /** Number of scalar weights (each tied tensor counted once). */
  numParameters(onlyTrainable = false): number {
    return this.parameters()
      .filter((p) => !onlyTrainable || p.requiresGrad)
      .reduce((n, p) => n + p.numel, 0);
  }

  /** Sets training mode here and in every descendant. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Calls `fn` on every module, children first, like `Module.apply`. */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Parameters and persistent buffers by dotted name, detached from the graph. Tied weights appear
   * under every name that holds them, as in PyTorch, so a state dict loads into a fresh model.
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [path, m] of this.namedModules()) {
      for (const [name, p] of m.ownParameters()) out[join(path, name)] = p.detach();
    }
    for (const [name, b] of this.namedBuffers('', true)) out[name] = b.detach();
    return out;
  }

  /**
   * Copies values into this module's parameters and buffers (in place, so optimizers holding them
   * keep working). With `strict` (default) every key must match both ways; shapes must always match.
   */
  loadStateDict(dict: Record<string, Tensor>, options: { strict?: boolean } = {}): LoadResult {
    const strict = options.strict ?? true;
    if (dict === null || typeof dict !== 'object')
      throw new ValueError("loadStateDict: 'dict' must be an object of tensors.");
    const own = this.stateTargets();
    const missingKeys = [...own.keys()].filter((k) => !(k in dict));
    const unexpectedKeys = Object.keys(dict).filter((k) => !own.has(k));
    if (strict && (missingKeys.length || unexpectedKeys.length)) {
      throw new ValueError(
        `loadStateDict: keys do not match (missing: ${missingKeys.join(', ') || 'none'}; unexpected: ${unexpectedKeys.join(', ') || 'none'}).`,
      );
    }
    for (const [key, target] of own) {
      const value = dict[key];
      if (value === undefined) continue;
      if (!(value instanceof Tensor)) throw new ValueError(`loadStateDict: '${key}' must be a Tensor.`);
      if (value.shape.join() !== target.shape.join()) {
        throw new ShapeError(
          `loadStateDict: '${key}' has shape [${value.shape.join(', ')}], the model expects [${target.shape.join(', ')}].`,
        );
      }
    }
    noGrad(() => {
      for (const [key, target] of own) if (dict[key] !== undefined) target.assign(dict[key]);
    });
    return { missingKeys, unexpectedKeys };
  }

  private stateTargets(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    for (const [path, m] of this.namedModules()) {
      for (const [name, p] of m.ownParameters()) out.set(join(path, name), p);
    }
    for (const [name, b] of this.namedBuffers('', true)) out.set(name, b);
    return out;
  }

  /** Extra text shown in `toString()` between the parentheses, e.g. `inFeatures=4, outFeatures=2`. */
  protected extraRepr(): string {
    return '';
  }

  /** A PyTorch-style tree: `Sequential(\n  (0): Linear(inFeatures=4, outFeatures=8, bias=true)\n ...)`. */
  toString(): string {
    const children = this.namedChildren();
    const name = this.constructor.name;
    if (children.length === 0) return `${name}(${this.extraRepr()})`;
    const lines = children.map(([key, child]) => `  (${key}): ${child.toString().split('\n').join('\n  ')}`);
    const extra = this.extraRepr();
    return `${name}(${extra ? `\n  ${extra}` : ''}\n${lines.join('\n')}\n)`;
  }
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}
