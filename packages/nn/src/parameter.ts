/**
 * `Parameter`: a leaf Tensor that a Module owns and an optimizer updates. It is an ordinary
 * @gd/autograd Tensor (it shares the storage of the data it is made from) that requires grad by
 * default; being a `Parameter` is what makes a Module field show up in `parameters()` and
 * `stateDict()` (module.ts), exactly as assigning an `nn.Parameter` attribute does in PyTorch.
 */
import { Tensor } from '@gd/autograd';
import { type NDArray, formatTensor, zeros } from '@gd/tensor';

export class Parameter extends Tensor {
  /**
   * Wraps `data` (a Tensor's storage or an NDArray, shared, not copied) as a leaf that requires
   * grad unless `requiresGrad` is false. Without data: an empty float32 tensor, as `nn.Parameter()`.
   * @example
   * const w = new Parameter(randn([3, 2]));
   * w.requiresGrad; // true
   */
  constructor(data?: Tensor | NDArray, requiresGrad = true) {
    super(data === undefined ? zeros([0]) : data instanceof Tensor ? data.data : data, requiresGrad);
  }

  /** PyTorch's printout: `Parameter containing:` then the tensor. */
  override toString(): string {
    const text = formatTensor(this.data);
    const body = this.requiresGrad ? `${text.slice(0, -1)}, requires_grad=True)` : text;
    return `Parameter containing:\n${body}`;
  }
}
