import { Tensor } from '@llm/tensor';

/**
 * A tensor that a `Module` owns as a learnable weight, like `torch.nn.Parameter`. Assigning one to a
 * module field registers it: `this.weight = new Parameter(randn([out, inp]))`. It shares the data
 * of the tensor it wraps and requires grad unless told otherwise.
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    super(data.detach()._handle, data.shape, data.dtype, data._backend);
    this.requiresGrad = requiresGrad;
  }
}
