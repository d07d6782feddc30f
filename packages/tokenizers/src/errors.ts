/**
 * Thrown when an argument, an option or a serialized tokenizer is invalid:
 * `WordTokenizer: 'minFrequency' must be an integer >= 1, got 0.`
 */
export class ValueError extends Error {
  override name = 'ValueError';
}

/**
 * Thrown when a token or an id is not in the vocabulary:
 * `BpeTokenizer.decode: 'ids' contains 70000, which is not in the vocabulary (size 512).`
 */
export class VocabularyError extends Error {
  override name = 'VocabularyError';
}

/**
 * Thrown when a tokenizer that learns its vocabulary is used before `train`:
 * `CharTokenizer.encode: the tokenizer has no vocabulary yet; call train(text) first.`
 */
export class NotTrainedError extends Error {
  override name = 'NotTrainedError';
}
