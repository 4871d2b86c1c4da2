"""How well lawkit recognises articles it did not write: precision and recall of article → provision coverage.

Three labelled sets live in tests/eval/ (regenerate the derived ones with --write):
- gdpr-en.txt: the GDPR's own articles (EUR-Lex text); article N is labelled with GDPR provision N;
- derived-en.txt, derived-ar.txt, derived-mixed.txt: drafts derived from the corpus — a fifth of the clauses
  dropped, the rest shuffled, reworded with a paraphrase table, one paragraph of the longer ones cut, no
  clause ids; Arabic only, English only, and alternating languages. labels.json holds, per article, the
  provisions its source clause implements;
- paraphrased-en.txt, paraphrased-ar.txt: 40 articles redrafted freely from 40 clauses by a drafter who did
  not copy them (no run of more than four words in common); paraphrased-labels.json names each source.
Scored over the articles the standards cover (the corpus implements their provision). Run:
python benchmarks/match_eval.py [--write]
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from toolkit.corpus import load_corpus  # noqa: E402
from toolkit.ingest import read_file  # noqa: E402
from toolkit.match import infer  # noqa: E402

SETS = ("derived-en", "derived-ar", "derived-mixed", "paraphrased-en", "paraphrased-ar", "gdpr-en")
EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval"
REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "EU_GDPR_2016-679_EN.txt"
PARAPHRASE = {
    "en": [("shall", "must"), ("ensure", "guarantee"), ("appropriate", "suitable"), ("in particular", "notably"),
           ("without undue delay", "promptly"), ("pursuant to", "under"), ("provide", "supply"),
           ("measures", "steps"), ("request", "application"), ("necessary", "required")],
    "ar": [("يجب", "يتعين"), ("المناسبة", "الملائمة"), ("دون تأخير غير مبرّر", "على وجه السرعة"),
           ("ولا سيما", "وبخاصة"), ("وفقاً لأحكام", "طبقاً لأحكام"), ("التدابير", "الإجراءات"), ("لازمة", "ضرورية")],
}


def _text_of(clause, lang: str, cut: bool) -> list[str]:
    paras = list(clause.body[lang])
    if cut and len(paras) >= 3:
        paras.pop(len(paras) // 2)
    out = []
    for n, p in enumerate(paras, 1):
        out.append((f"{n}. " if lang == "en" else f"{n}- ") + p.text if p.numbered else p.text)
        out += [(f"({'abcdefghijklmnopqrstuvwxyz'[i % 26]}) " if lang == "en" else "- ") + item
                for i, item in enumerate(p.items)]
    text = "\n".join(out)
    for old, new in PARAPHRASE[lang]:
        text = text.replace(old, new)
    return re.sub(r"\{\{\w+\}\}", "30", re.sub(r"\[\[[^\]]+\]\]", "this Law" if lang == "en" else "هذا القانون",
                                                text)).splitlines()


def write_derived() -> None:
    corpus = load_corpus()
    clauses = [c for c in sorted(corpus.clauses.values(), key=lambda c: c.id) if c.kind != "definition"]
    rng = random.Random(2026)
    kept = [c for c in clauses if rng.random() > 0.2]
    rng.shuffle(kept)
    labels = {}
    for name, langs in (("en", ["en"]), ("ar", ["ar"]), ("mixed", ["ar", "en"])):
        lines = ["DERIVED DRAFT" if name == "en" else "مشروع قانون مشتق"]
        for k, clause in enumerate(kept, 1):
            lang = langs[k % len(langs)]
            head = f"Article {k}: {clause.title.en}" if lang == "en" else f"المادة ({k}): {clause.title.ar}"
            lines += [head, *_text_of(clause, lang, cut=k % 3 == 0)]
            labels.setdefault(name, {})[str(k)] = {"clause": clause.id, "provisions": sorted(
                {(m.standard, m.ref) for m in clause.implements})}
        (EVAL / f"derived-{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (EVAL / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    text = REFERENCE.read_text(encoding="utf-8")
    body = text[text.index("\nArticle 1\n"):text.index("This Regulation shall be binding in its entirety")]
    (EVAL / "gdpr-en.txt").write_text("REGULATION (EU) 2016/679 (extract: the articles)\n" + body.strip() + "\n",
                                      encoding="utf-8")


def evaluate(name: str, corpus) -> dict[str, tuple[float, float, int]]:
    """Per standard: (precision, recall, articles scored) of inferred article → provision coverage."""
    draft, _ = infer(read_file(EVAL / f"{name}.txt"), corpus)
    if name == "gdpr-en":
        gold = {str(a.number): {("gdpr", str(a.number))} for a in draft.articles()}
    elif name.startswith("paraphrased-"):
        labels = json.loads((EVAL / "paraphrased-labels.json").read_text(encoding="utf-8"))[name.split("-", 1)[1]]
        gold = {k: {(m.standard, m.ref) for m in corpus.clauses[cid].implements} for k, cid in labels.items()}
    else:
        labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))[name.split("-", 1)[1]]
        gold = {k: {tuple(p) for p in v["provisions"]} for k, v in labels.items()}
    implemented = {(m.standard, m.ref) for c in corpus.clauses.values() for m in c.implements}
    out = {}
    for sid in sorted({s for pairs in gold.values() for s, _ in pairs}):
        tp = fp = fn = scored = 0
        for art in draft.articles():
            truth = {p for p in gold.get(str(art.number), ()) if p[0] == sid and p in implemented}
            if not truth:
                continue  # an article the standard does not cover (or the corpus cannot)
            scored += 1
            guess = {(m.standard, m.ref) for m in art.implements if m.standard == sid}
            tp += len(truth & guess)
            fp += len(guess - truth)
            fn += len(truth - guess)
        if scored:
            out[sid] = (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0, scored)
    return out


def main() -> None:
    if "--write" in sys.argv:
        write_derived()
    corpus = load_corpus()
    for name in SETS:
        print(name)
        for sid, (p, r, n) in evaluate(name, corpus).items():
            print(f"  {sid:<9} precision {p:.2f}  recall {r:.2f}  ({n} articles)")


if __name__ == "__main__":
    main()
