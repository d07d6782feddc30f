import { ValueError } from '@llm/metrics';

export { ShapeError, ValueError } from '@llm/metrics';

/** Thrown when a learned attribute or `predict` is used before `fit`, like sklearn's NotFittedError. */
export class NotFittedError extends ValueError {
  override name = 'NotFittedError';
}
