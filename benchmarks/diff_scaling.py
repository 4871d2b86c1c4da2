"""`lawkit diff` on two versions of a 150- and a 1,500-article draft: does the cost grow linearly?

The new version changes a word in every tenth article and inserts an article at the top, so that every
article renumbers. Measured twice: aligned by clause id, and with the ids stripped (aligned by content, as
for a DOCX written elsewhere). Prints the time of each and the 1,500 / 150 ratio (10 is linear, 100 quadratic).
Run: python benchmarks/diff_scaling.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synthetic import make  # noqa: E402
from toolkit.assemble import assemble  # noqa: E402
from toolkit.corpus import load_corpus  # noqa: E402
from toolkit.diff import AR_REF, EN_REF, compare  # noqa: E402
from toolkit.draft import Article  # noqa: E402
from toolkit.template import load_template  # noqa: E402
from toolkit.text import Paragraph, Text  # noqa: E402


def versions(root: Path, n: int):
    corpus_dir, template = make(root, n)
    corpus = load_corpus(corpus_dir)
    old = assemble(corpus, load_template(str(template)))
    chapters = []
    for ci, chapter in enumerate(old.chapters):
        arts = []
        for art in chapter.articles:
            if art.number % 10 == 0:
                en = art.paragraphs["en"]
                art = replace(art, paragraphs={**art.paragraphs, "en": (en[0].map(lambda s: s.replace(
                    "appropriate", "adequate", 1)),) + en[1:]})
            arts.append(art)
        if ci == 0:
            arts.insert(0, Article(0, Text("New article", "مادة جديدة"), {
                "en": (Paragraph("Every person may ask to be heard."),),
                "ar": (Paragraph("لكل شخص أن يطلب الاستماع إليه."),)}))
        chapters.append(replace(chapter, articles=tuple(arts)))
    new = replace(old, chapters=tuple(chapters)).renumbered()
    # every article moved down by one: so do the cross-references to them, as a rebuilt draft would show
    shift = {"en": lambda s: EN_REF.sub(lambda m: f"{m.group(1)} {int(m.group(2)) + 1}", s),
             "ar": lambda s: AR_REF.sub(lambda m: f"{m.group(1)} ({int(m.group(2)) + 1})", s)}
    new = replace(new, chapters=tuple(replace(c, articles=tuple(
        replace(a, paragraphs={lang: tuple(p.map(shift[lang]) for p in ps) for lang, ps in a.paragraphs.items()})
        for a in c.articles)) for c in new.chapters))
    return corpus, old, new


def strip_ids(draft):
    return replace(draft, chapters=tuple(replace(c, articles=tuple(replace(a, clause="") for a in c.articles))
                                         for c in draft.chapters))


def timed(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (150, 1500):
            corpus, old, new = versions(Path(tmp) / f"n{n}", n)
            bare_old, bare_new = strip_ids(old), strip_ids(new)
            by_id = timed(lambda: compare(old, new, corpus=corpus))  # noqa: B023 (called at once)
            by_content = timed(lambda: compare(bare_old, bare_new, corpus=corpus))  # noqa: B023
            check = compare(strip_ids(old), strip_ids(new), corpus=corpus).summary()
            results[n] = (by_id, by_content)
            print(f"{n:>5} articles: by clause id {by_id:6.2f} s   by content {by_content:6.2f} s   {check}")
    for i, how in enumerate(("by clause id", "by content")):
        print(f"{how}: 150 → 1,500 articles costs {results[1500][i] / results[150][i]:.1f}x (10x is linear)")


if __name__ == "__main__":
    main()
