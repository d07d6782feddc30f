#!/usr/bin/python3
"""Writes the parity fixtures in parity/fixtures/*.json that the vitest suites compare against.

Run with Debian's interpreter and apt packages (no pip needed):
    apt-get install -y python3-regex
    /usr/bin/python3 packages/tokenizers/parity/generate.py

Neither tiktoken nor Hugging Face tokenizers is packaged for Debian and there is no pip registry here, so:
  pre_split.json  the pre-split patterns exactly as tiktoken / GPT-2 write them (GPT-4 cl100k_base with its
                  inline `(?i:...)` flag, both the original and the newer possessive form, and GPT-2's
                  encoder.py pattern), run with the `regex` module, which like tiktoken's fancy-regex
                  supports `\\p{L}`, inline flags and possessive quantifiers; the TypeScript port must
                  split every sample string the same way.
  bpe.json        a deliberately naive byte-level BPE in the style of karpathy/minbpe `RegexTokenizer`
                  (full pair recount per merge, `encode` merging the lowest-rank pair), with one change:
                  ties between equally frequent pairs go to the smaller (left id, right id), the rule the
                  TypeScript trainer documents (minbpe takes the first pair in dict order). The fast
                  incremental trainer must learn the same merges and encode the samples to the same ids.
"""
import json
import os

import regex

HERE = os.path.dirname(os.path.abspath(__file__))

# tiktoken_ext/openai_public.py, cl100k_base (original form, tiktoken < 0.7).
CL100K = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
# tiktoken_ext/openai_public.py, cl100k_base (possessive form, tiktoken >= 0.7).
CL100K_NEW = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
# openai/gpt-2 src/encoder.py.
GPT2 = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""

SAMPLES = [
    "Hello world",
    "Hello, world! How's it going? I'm fine; they'll see, we've won, you're right, he'd go.",
    "DON'T SHOUT. I'M HERE. THEY'LL COME. WE'VE SEEN. YOU'RE OK. HE'D GO. IT'S 'QUOTED'.",
    "numbers: 1 12 123 1234 12345 1234567 3.14159 -42 1,000,000 ١٢٣٤ ⅣⅤ",
    "  leading spaces and trailing spaces   ",
    "tabs\tand\t\tmore\ttabs",
    "line one\nline two\n\nline four\r\nwindows\r\n\r\n",
    "    indented code():\n        return x  # comment\n",
    "mixed   \n  \n\n   whitespace \t \n end",
    "emoji 👋🏽 family 👨‍👩‍👧 flags 🇳🇴 hearts ❤️❤",
    "中文字符测试，日本語のテキスト、한국어 텍스트。",
    "Ελληνικά Русский عربي עברית हिन्दी ไทย",
    "café naïve résumé coöperate Ångström",
    "combining: e\u0301 a\u0308 n\u0303",
    "punctuation!!! ??? ... --- *** ((nested)) [brackets] {braces} <tags/>",
    "email@example.com https://example.org/path?q=1&r=2#frag",
    "snake_case camelCase kebab-case SCREAMING_CASE",
    "'s 's 'S 'ſ 'll 'LL 'Ll 've 're 'm 'd 't",
    "it's' 'tis ''double'' '",
    "\u00a0nbsp\u00a0and\u3000ideographic\u2028line\u2029para\u0085nel\ufeffbom\u001cfs\u000bvt\u000cff",
    "trailing newline\n",
    "\n\n\nleading newlines",
    "a\n b\n  c\n   d",
    "x = [1,2,3]; y = {'a': 1}\nprint(x)",
    "",
    " ",
    "\n",
    "日本語123abc😀!!!",
    "x\u0085\u0085y end\u0085",
    "x\ufeff\ufeffy end\ufeff",
    "x\u001c\u001c y \u001f",
    "a \u00a0 b\u2003\u2003c\u3000\u3000",
]


def split(pattern, text):
    return regex.findall(pattern, text)


# A short original English text (written for this fixture) for the BPE reference.
ENGLISH = """The old lighthouse stood at the end of the harbour wall, and every evening the keeper climbed its
one hundred and twelve steps to light the lamp. He had done this for thirty-one years. The fishermen said
they could set their clocks by him, though few of them owned a clock, and fewer still would admit it.

When the storm came in the autumn of that year, it came from the west, where storms were not supposed to
come from. The sea rose over the wall. The boats that had stayed out too long fought their way home in the
dark, guided by a single light that swung its slow beam over the water, again and again and again.

"I didn't think he'd make it up the stairs," said the harbour master's daughter the next morning. "The wind
was strong enough to lift a man off his feet." But the keeper had made it, as he always did, and the lamp
had burned all night. Nobody thanked him. Nobody needed to. In a small town, some things are understood.

Numbers matter too: 3 boats, 12 men, 1,024 nets, and one very tired keeper who slept until noon.
"""

BPE_SAMPLES = [
    "The keeper climbed the stairs.",
    "Storms don't come from the west!",
    "1,024 nets and 12 men in 3 boats",
    "unseen words like zebra and quixotic",
    "emoji 👋🏽 and 日本語",
]


def get_stats(ids, counts):
    for pair in zip(ids, ids[1:]):
        counts[pair] = counts.get(pair, 0) + 1


def merge(ids, pair, idx):
    out, i = [], 0
    while i < len(ids):
        if i < len(ids) - 1 and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(idx)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train(text, vocab_size, pattern):
    chunks = [list(ch.encode("utf-8")) for ch in regex.findall(pattern, text)]
    merges = []
    for i in range(vocab_size - 256):
        stats = {}
        for ids in chunks:
            get_stats(ids, stats)
        if not stats:
            break
        pair = max(stats, key=lambda p: (stats[p], -p[0], -p[1]))
        idx = 256 + i
        chunks = [merge(ids, pair, idx) for ids in chunks]
        merges.append(pair)
    return merges


def encode(text, merges, pattern):
    ranks = {pair: 256 + i for i, pair in enumerate(merges)}
    out = []
    for ch in regex.findall(pattern, text):
        ids = list(ch.encode("utf-8"))
        while len(ids) >= 2:
            stats = {}
            get_stats(ids, stats)
            pair = min(stats, key=lambda p: ranks.get(p, float("inf")))
            if pair not in ranks:
                break
            ids = merge(ids, pair, ranks[pair])
        out.extend(ids)
    return out


def main():
    fixtures = os.path.join(HERE, "fixtures")
    os.makedirs(fixtures, exist_ok=True)
    cases = []
    for text in SAMPLES:
        cl100k = split(CL100K, text)
        cases.append(
            {
                "text": text,
                "gpt4": cl100k,
                "gpt4Possessive": split(CL100K_NEW, text),
                "gpt2": split(GPT2, text),
            }
        )
        assert "".join(cl100k) == text
    with open(os.path.join(fixtures, "pre_split.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "python3-regex " + regex.__version__, "cases": cases}, f, ensure_ascii=False, indent=1)

    bpe = {"text": ENGLISH, "runs": []}
    for vocab_size in (300, 400):
        merges = train(ENGLISH, vocab_size, CL100K)
        bpe["runs"].append(
            {
                "vocabSize": vocab_size,
                "merges": [list(p) for p in merges],
                "encoded": [{"text": s, "ids": encode(s, merges, CL100K)} for s in BPE_SAMPLES],
            }
        )
    with open(os.path.join(fixtures, "bpe.json"), "w", encoding="utf-8") as f:
        json.dump(bpe, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
