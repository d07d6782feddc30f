"""nltk's corpus_bleu timed on the corpus bench/metrics.bench.mjs writes, for the same-run ratio.

Usage: /usr/bin/python3 bench/python/nltk_bleu.py PAIRS.json REPEATS

PAIRS.json is {"hypotheses": [str], "references": [str]}. Each timed call splits the strings with
str.split() (as @llm/metrics' nltkBleu does with string input) and scores them with corpus_bleu's defaults;
one untimed warm-up call comes first. Interpreter start and the file read are outside the timed region.
Prints one JSON object on stdout: {"nltk", "python", "score", "seconds": [...]}, or {"skipped": reason}.
"""

import json
import sys
import time


def main():
    path, repeats = sys.argv[1], int(sys.argv[2])
    try:
        import nltk
        from nltk.translate.bleu_score import corpus_bleu
    except ImportError as error:
        print(json.dumps({"skipped": f"nltk did not import ({error}); apt-get install python3-nltk"}))
        return
    with open(path, encoding="utf-8") as f:
        pairs = json.load(f)
    hypotheses, references = pairs["hypotheses"], pairs["references"]

    def score():
        hyps = [h.split() for h in hypotheses]
        refs = [[r.split()] for r in references]
        return corpus_bleu(refs, hyps)

    result = score()
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = score()
        seconds.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "nltk": nltk.__version__,
                "python": sys.version.split()[0],
                "score": result,
                "seconds": seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
