import { ShapeError, slice, type Tensor, ValueError } from '@llm/tensor';
import { checkFloat, checkTensor, fmt } from '../internal/validate';

/** Checks `[B, T, V]` logits against `[B, T]` int32 tokens. */
export function checkSequence(op: string, logits: Tensor, tokens: Tensor, tokensName = 'tokens'): void {
  checkFloat(op, 'logits', logits);
  checkTensor(op, tokensName, tokens);
  if (tokens.dtype !== 'int32') {
    throw new ValueError(`${op}: '${tokensName}' must hold int32 token ids, got dtype ${tokens.dtype}.`);
  }
  if (logits.ndim !== 3)
    throw new ShapeError(`${op}: 'logits' must have shape [B, T, V], got ${fmt(logits.shape)}.`);
  if (tokens.ndim !== 2 || tokens.shape[0] !== logits.shape[0] || tokens.shape[1] !== logits.shape[1]) {
    throw new ShapeError(
      `${op}: '${tokensName}' must have shape ${fmt(logits.shape.slice(0, 2))} to match 'logits' ${fmt(logits.shape)}, got ${fmt(tokens.shape)}.`,
    );
  }
}

/** Next-token alignment: the logits at position t predict token t + 1, so drop the last logit and the first token. */
export function shiftForNextToken(logits: Tensor, tokens: Tensor): [Tensor, Tensor] {
  return [slice(logits, 1, 0, -1), slice(tokens, 1, 1)];
}
