import type { Tensor } from './tensor';

/** A recorded op: the tensors it read and how to turn the gradient of its output into theirs. */
export interface GradFn {
  /** The op's name, shown as `gradFn=<MulBackward>` when printing. */
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** Gradients for `inputs`, in order; `null` where an input needs none. Runs with grad recording off. */
  backward(grad: Tensor): readonly (Tensor | null)[];
}

let gradEnabled = true;

/** Whether ops currently record the graph (false inside `noGrad`). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Runs `fn` without recording the autograd graph, like `with torch.no_grad():`. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with graph recording on, even inside `noGrad`, like `torch.enable_grad()`. */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

/**
 * Tensors reachable from `root` through `gradFn.inputs`, ordered so that every tensor comes after
 * all tensors it was computed from (an iterative DFS: deep graphs such as long RNNs must not
 * overflow the JS stack).
 */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, next] = top;
    const inputs = node.gradFn?.inputs ?? [];
    if (next < inputs.length) {
      top[1]++;
      const child = inputs[next];
      if (child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}
