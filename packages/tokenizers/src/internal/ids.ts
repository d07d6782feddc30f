import { ValueError, VocabularyError } from '../errors';

/** Checks that every id is an integer in `[0, vocabSize)`, with the message users see from `decode`. */
export function checkIds(where: string, ids: readonly number[], vocabSize: number): void {
  if (!Array.isArray(ids) && !ArrayBuffer.isView(ids)) {
    throw new ValueError(`${where}: 'ids' must be an array of integers, got ${typeof ids}.`);
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      if (typeof id !== 'number' || !Number.isInteger(id)) {
        throw new ValueError(`${where}: 'ids[${i}]' must be an integer, got ${String(id)}.`);
      }
      throw new VocabularyError(
        `${where}: 'ids' contains ${id}, which is not in the vocabulary (size ${vocabSize}).`,
      );
    }
  }
}

/** Checks the text argument of `encode`. */
export function checkText(where: string, text: unknown, name = 'text'): asserts text is string {
  if (typeof text !== 'string') {
    throw new ValueError(
      `${where}: '${name}' must be a string, got ${text === null ? 'null' : typeof text}.`,
    );
  }
}

/** Checks the texts argument of `encodeBatch`. */
export function checkTexts(where: string, texts: unknown): asserts texts is readonly string[] {
  if (!Array.isArray(texts)) {
    throw new ValueError(`${where}: 'texts' must be an array of strings, got ${typeof texts}.`);
  }
  texts.forEach((text, i) => {
    checkText(where, text, `texts[${i}]`);
  });
}
