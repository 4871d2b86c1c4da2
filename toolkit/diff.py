"""Comparing two drafts: align articles (by clause id, else by content — never by number), word-level changes
in each language, parameter changes, modality shifts, and what the change did to standards coverage."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from toolkit import arabic
from toolkit.draft import Article, Draft
from toolkit.text import Text, numbered

WORD = re.compile(r"\S+|\s+")
EN_REF = re.compile(r"\b(Articles?) (\d+)")
AR_REF = re.compile(r"(المادة|المادتين|المواد) \(?([0-9٠-٩]+)\)?")
MIN_SIMILARITY = 0.5
RARE = 20  # a word in at most this many articles is indexed for finding a moved article's match
WINDOW = 5


@dataclass(frozen=True)
class Change:
    """The word-level difference of one paragraph (or the title) in one language."""

    lang: str
    where: str  # "title", "1", "1(b)", "¶2" (unnumbered)
    ops: tuple[tuple[str, str], ...]  # ("eq" | "del" | "ins", words as written)


@dataclass(frozen=True)
class ArticleDiff:
    status: str  # added, removed, modified, moved, unchanged
    clause: str
    old_number: int | None
    new_number: int | None
    title: Text
    changes: tuple[Change, ...] = ()
    old: Article | None = field(default=None, compare=False, repr=False)
    new: Article | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Comparison:
    old_source: str
    new_source: str
    articles: tuple[ArticleDiff, ...]
    parameters: tuple[dict, ...]
    modality_shifts: tuple[dict, ...]
    coverage_delta: tuple[dict, ...]
    languages: tuple[str, ...]
    new_draft: Draft = field(compare=False, repr=False, default=None)
    ids: tuple[dict, dict] = field(compare=False, repr=False, default=({}, {}))  # article number → pair, old and new

    def summary(self) -> dict:
        out = {k: 0 for k in ("added", "removed", "modified", "moved", "unchanged")}
        for a in self.articles:
            out[a.status] += 1
        return out


# ---------------------------------------------------------------- alignment

def _norm_words(text: str) -> list[str]:
    return arabic.words(text.replace("**", ""))


def _signature(art: Article) -> tuple[set[str], set[str]]:
    """The words that identify an article: those of its title, and the longer words of its text (not numbers,
    which change when articles are renumbered)."""
    title = {f"t:{w}" for lang in ("en", "ar") for w in _norm_words(art.title[lang])}
    return title, {w for lang in art.paragraphs for w in _norm_words(art.text(lang)) if len(w) > 2 and not w.isdigit()}


def _jaccard(a: set, b: set) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def similarity(a: tuple[set, set], b: tuple[set, set]) -> float:
    """How alike two articles are, 0–1: mostly their text, partly their title."""
    return 0.75 * _jaccard(a[1], b[1]) + 0.25 * _jaccard(a[0], b[0]) if a[0] or b[0] else _jaccard(a[1], b[1])


def align(old: Draft, new: Draft) -> list[tuple[Article | None, Article | None]]:
    """Pairs of (old, new) articles: the same clause id where both carry one, else the most similar content."""
    olds, news = list(old.articles()), list(new.articles())
    pairs: list[tuple[Article | None, Article | None]] = []
    by_clause = {a.clause: a for a in olds if a.clause}
    used_old: set[int] = set()
    rest_new = []
    for art in news:
        match = by_clause.get(art.clause) if art.clause else None
        if match is not None and id(match) not in used_old:
            used_old.add(id(match))
            pairs.append((match, art))
        else:
            rest_new.append(art)
    rest_old = [a for a in olds if id(a) not in used_old]
    # content similarity, with candidates drawn from shared rare words so that the cost stays near linear
    sigs_old = [_signature(a) for a in rest_old]
    df: dict[str, int] = {}
    for title, words in sigs_old:
        for w in title | words:
            df[w] = df.get(w, 0) + 1
    index: dict[str, list[int]] = {}
    for i, (title, words) in enumerate(sigs_old):
        for w in title | words:
            if df[w] <= RARE:
                index.setdefault(w, []).append(i)
    scored = []
    scale = len(rest_old) / max(len(rest_new), 1)
    for j, art in enumerate(rest_new):
        sig = _signature(art)
        near = round(j * scale)  # articles near the same place, for text too common to index
        candidates = {i for w in sig[0] | sig[1] for i in index.get(w, ())} | set(
            range(max(0, near - WINDOW), min(len(rest_old), near + WINDOW + 1)))
        for i in candidates:
            score = similarity(sig, sigs_old[i])
            if score >= MIN_SIMILARITY:
                scored.append((score, -abs(rest_old[i].number - art.number), i, j))
    taken_old, taken_new = set(), set()
    matched: dict[int, Article] = {}
    for _, _, i, j in sorted(scored, reverse=True):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            matched[j] = rest_old[i]
    for j, art in enumerate(rest_new):
        pairs.append((matched.get(j), art))
    pairs += [(a, None) for i, a in enumerate(rest_old) if i not in taken_old]
    return pairs


# ---------------------------------------------------------------- word diffs

def _key(word: str, refs: dict) -> str:
    return refs.get(word, arabic.normalise(word).lower().replace("**", ""))


def _ref_keys(text: str, numbers: dict[int, str]) -> str:
    """Cross-references rewritten to the identity of the article they point at, so renumbering is no change."""
    def en(m):
        n = int(m.group(2))
        return f"{m.group(1)} §{numbers.get(n, n)}"

    def ar(m):
        n = int(arabic.normalise(m.group(2)))
        return f"{m.group(1)} §{numbers.get(n, n)}"

    return AR_REF.sub(ar, EN_REF.sub(en, text))


def word_ops(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word-level operations turning `old` into `new`; Arabic is compared normalised but shown as written."""
    a, b = WORD.findall(old), WORD.findall(new)
    ka = [arabic.normalise(w).lower().replace("**", "") if w.strip() else " " for w in a]
    kb = [arabic.normalise(w).lower().replace("**", "") if w.strip() else " " for w in b]
    ops: list[tuple[str, str]] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == kind:
            ops[-1] = (kind, ops[-1][1] + text)
        else:
            ops.append((kind, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            add("eq", "".join(b[j1:j2]))
        else:
            add("del", "".join(a[i1:i2]))
            add("ins", "".join(b[j1:j2]))
    return tuple(ops)


def _units(art: Article, lang: str) -> list[tuple[str, str]]:
    """(label, text) of each paragraph and item of an article in one language."""
    out, u = [], 0
    for n, p in numbered(art.paragraphs.get(lang, ())):
        u += not n
        label = str(n) if n else f"¶{u}"
        out.append((label, p.text))
        for i, item in enumerate(p.items):
            out.append((f"{label}({'abcdefghijklmnopqrstuvwxyz'[i % 26]})", item))
    return out


def unit_diff(old: Article, new: Article, lang: str, old_ids: dict, new_ids: dict) -> list[tuple[str, str, tuple]]:
    """Every paragraph and item of a pair of articles in one language: (label, "eq"|"mod"|"del"|"ins", ops)."""
    a, b = _units(old, lang), _units(new, lang)
    ka = [" ".join(_norm_words(_ref_keys(t, old_ids))) for _, t in a]
    kb = [" ".join(_norm_words(_ref_keys(t, new_ids))) for _, t in b]
    out = []
    for _, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                same = ka[i1 + k] == kb[j1 + k]
                out.append((news[k][0], "eq" if same else "mod",
                            (("eq", news[k][1]),) if same else word_ops(olds[k][1], news[k][1])))
            elif k < len(olds):
                out.append((olds[k][0], "del", (("del", olds[k][1]),)))
            else:
                out.append((news[k][0], "ins", (("ins", news[k][1]),)))
    return out


def _compare(old: Article, new: Article, langs, old_ids: dict, new_ids: dict) -> list[Change]:
    changes = []
    for lang in langs:
        if lang not in old.paragraphs or lang not in new.paragraphs:
            continue
        ot, nt = old.title[lang], new.title[lang]
        if arabic.normalise(ot).strip() != arabic.normalise(nt).strip():
            changes.append(Change(lang, "title", word_ops(ot, nt)))
        changes += [Change(lang, label, ops) for label, kind, ops in unit_diff(old, new, lang, old_ids, new_ids)
                    if kind != "eq"]
    return changes


# ---------------------------------------------------------------- what the change means

MODAL = {
    "en": {"strong": [r"\bshall\b(?! not)", r"\bmust\b(?! not)", r"\b(?:is|are) (?:required|obliged|bound) to\b",
                      r"\b(?:has|have) (?:the|a) duty to\b"],
           "prohibit": [r"\bshall not\b", r"\bmust not\b", r"\bmay not\b", r"\b(?:is|are) prohibited\b",
                        r"\b(?:is|are) not (?:permitted|allowed) to\b"],
           "weak": [r"\bmay\b(?! not)", r"\bshould\b", r"\b(?:is|are) (?:encouraged|permitted|allowed|free) to\b"],
           "hedge": [r"\bwhere appropriate\b", r"\bas appropriate\b", r"\bwhere (?:possible|feasible|practicable)\b",
                     r"\bas far as (?:possible|practicable)\b", r"\bto the extent (?:possible|feasible|practicable)\b",
                     r"\bif (?:deemed )?necessary\b", r"\b(?:endeavour|endeavor|strive)s? to\b",
                     r"\b(?:best|reasonable) efforts\b", r"\bin principle\b"],
           "protect": [r"\bindependent(?:ly)?\b", r"\bwithout undue delay\b", r"\bfree of charge\b", r"\bin writing\b"]},
    "ar": {"strong": [r"يجب", r"(?:ي|ت)لتزم", r"يتعين", r"\bعلى\b[^،.]{0,40}\bان\b"],
           "prohibit": [r"لا يجوز", r"يحظر", r"لا يحق", r"يمتنع"],
           "weak": [r"(?<!لا )يجوز", r"ينبغي", r"يستحسن"],
           "hedge": [r"عند الاقتضاء", r"متي كان ذلك مناسبا", r"قدر (?:الامكان|المستطاع)", r"اذا اقتضت الضروره",
                     r"(?:ما|حيثما|متي|كلما) امكن", r"\b(?:ي|ت)سعي\b", r"بذل (?:العنايه|الجهد|الجهود)", r"من حيث المبدا"],
           "protect": [r"مستقل(?:ه|ين)?", r"استقلال", r"دون تاخير غير مبرر", r"مجانا", r"كتابه|كتابيا"]},
}
_MODAL_RE = {lang: {k: re.compile("|".join(v)) for k, v in kinds.items()} for lang, kinds in MODAL.items()}


def _short(expression: str) -> str:
    """«على المتحكم ان» is shown as its frame, «على … ان»."""
    return "على … ان" if expression.startswith("على ") and expression.endswith("ان") and len(expression) > 8 else expression


def _found(text: str, lang: str) -> dict[str, list[str]]:
    """The modal expressions of each kind a text uses, in order (Arabic normalised)."""
    norm = arabic.normalise(text).lower() if lang == "ar" else text.lower()
    return {k: [_short(m.group(0).strip()) for m in r.finditer(norm)] for k, r in _MODAL_RE[lang].items()}


def _more(fewer: list[str], more: list[str]) -> str:
    """The first expression `more` uses more often than `fewer` does."""
    return next((m for m in more if more.count(m) > fewer.count(m)), "")


def modality_shifts(diff: ArticleDiff) -> list[dict]:
    """Shall → may or should, an added hedge ("where appropriate"), a removed guarantee ("independent"), and back."""
    out = []
    for change in diff.changes:
        old = "".join(t for k, t in change.ops if k != "ins")
        new = "".join(t for k, t in change.ops if k != "del")
        a, b = _found(old, change.lang), _found(new, change.lang)
        base = {"article": diff.new_number or diff.old_number, "old_number": diff.old_number,
                "new_number": diff.new_number, "clause": diff.clause, "lang": change.lang, "where": change.where}
        for hard in ("strong", "prohibit"):
            if len(a[hard]) > len(b[hard]) and len(b["weak"]) > len(a["weak"]):
                out.append({**base, "effect": "weakened", "from": _more(b[hard], a[hard]), "to": _more(a["weak"], b["weak"])})
            if len(b[hard]) > len(a[hard]) and len(a["weak"]) > len(b["weak"]):
                out.append({**base, "effect": "strengthened", "from": _more(b["weak"], a["weak"]),
                            "to": _more(a[hard], b[hard])})
        for kind, gained, lost in (("hedge", "weakened", "strengthened"), ("protect", "strengthened", "weakened")):
            if len(b[kind]) > len(a[kind]):
                out.append({**base, "effect": gained, "from": "", "to": _more(a[kind], b[kind])})
            if len(a[kind]) > len(b[kind]):
                out.append({**base, "effect": lost, "from": _more(b[kind], a[kind]), "to": ""})
    return out


def _parameters(old: Draft, new: Draft, corpus) -> list[dict]:
    out = []
    for name in sorted(set(old.parameters) | set(new.parameters)):
        a, b = old.parameters.get(name), new.parameters.get(name)
        if a == b:
            continue
        effect = ""
        param = corpus.parameters.get(name) if corpus is not None else None
        if param and isinstance(a, (int, float)) and isinstance(b, (int, float)) and param.benchmarks:
            mark = param.benchmarks[0]
            stricter = b < a if mark.op in ("<=", "<") else b > a
            effect = "stronger" if stricter else "weaker"
        show = lambda v: {"en": v.en, "ar": v.ar} if isinstance(v, Text) else v  # noqa: E731
        out.append({"name": name, "old": show(a), "new": show(b), "effect": effect})
    return out


def _coverage(old: Draft, new: Draft, corpus, standards) -> list[dict]:
    from toolkit.gaps import STATUS_CREDIT, analyse

    ids = list(standards or dict.fromkeys([*old.standards, *new.standards]) or sorted(corpus.standards))
    before, after = analyse(old, corpus, ids), analyse(new, corpus, ids)
    out = []
    for a, b in zip(before.standards, after.standards):
        status_a = {p.ref: p.status for p in a.provisions}
        lost = [p.ref for p in b.provisions if STATUS_CREDIT[p.status] < STATUS_CREDIT[status_a[p.ref]]]
        gained = [p.ref for p in b.provisions if STATUS_CREDIT[p.status] > STATUS_CREDIT[status_a[p.ref]]]
        out.append({"standard": a.id, "short": a.short, "old_score": a.score, "new_score": b.score,
                    "lost": lost, "gained": gained})
    return out


def compare(old: Draft, new: Draft, corpus=None, old_source: str = "", new_source: str = "",
            standards=None) -> Comparison:
    langs = tuple(code for code in ("ar", "en") if code in old.languages and code in new.languages) or \
        tuple(new.languages)
    pairs = align(old, new)
    old_ids = {a.number: k for k, (a, _) in enumerate(pairs) if a}
    new_ids = {b.number: k for k, (_, b) in enumerate(pairs) if b}
    diffs = []
    for a, b in pairs:
        if a is None:
            diffs.append(ArticleDiff("added", b.clause, None, b.number, b.title, new=b))
        elif b is None:
            diffs.append(ArticleDiff("removed", a.clause, a.number, None, a.title, old=a))
        else:
            changes = tuple(_compare(a, b, langs, old_ids, new_ids))
            status = "modified" if changes else ("moved" if a.number != b.number else "unchanged")
            diffs.append(ArticleDiff(status, b.clause or a.clause, a.number, b.number, b.title, changes, a, b))
    diffs.sort(key=lambda d: (d.new_number if d.new_number is not None else d.old_number + 0.5, d.old_number or 0))
    shifts = tuple(s for d in diffs if d.status == "modified" for s in modality_shifts(d))
    coverage = tuple(_coverage(old, new, corpus, standards)) if corpus is not None else ()
    return Comparison(old_source, new_source, tuple(diffs), tuple(_parameters(old, new, corpus)), shifts,
                      coverage, langs, new, (old_ids, new_ids))
