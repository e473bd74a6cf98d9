#!/usr/bin/env python3
"""Writes a synthetic jsonl import file to time `kinship import` at scale.

Default: 200 models x 800 prompts with ~1.5 kB answers (about 250 MB), mixing English,
Russian, Kazakh and Chinese words so the UTF-8 paths are exercised. Never commit the output.

  python3 tests/importer/make_import_bench.py /tmp/bench.jsonl
  time build/kinship import /tmp/bench.jsonl --format jsonl --out /tmp/bench-run
"""
import json
import random
import sys

WORDS = ("the model answer shows tides gravity moon water "
         "модель ответ вода луна "
         "жауап модель су ай "
         "模型 回答 月亮 潮汐").split()


def main():
    path = sys.argv[1]
    models = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    prompts = int(sys.argv[3]) if len(sys.argv) > 3 else 800
    words_per_answer = int(sys.argv[4]) if len(sys.argv) > 4 else 260
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        for m in range(models):
            for p in range(prompts):
                answer = " ".join(rng.choice(WORDS) for _ in range(words_per_answer))
                row = {"model": f"model-{m:03d}", "prompt_id": f"p-{p:04d}",
                       "prompt": f"Question {p}: explain item {p} in detail.",
                       "output": answer}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
