"""Recognising what an article lawkit did not write is about: TF-IDF over normalised words and word pairs,
plus the glossary's defined terms, matched against the corpus clauses in the article's own language.

Each match is explainable: the score and the words that weigh most in it ("matched dp.rights.erasure 0.82:
erasure, delete, without undue delay"). From the matched clauses come the provisions the article covers:
fully where it matches a clause closely, partly otherwise — always marked as inferred.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from toolkit import arabic, terms as term_finder
from toolkit.corpus import Corpus, Mapping
from toolkit.draft import Article, Draft
from toolkit.text import PARAM, REF

# Lowest score taken as a match, per language: Arabic scores run lower (richer morphology), so it has its own.
# Calibrated between redrafted articles (correct matches score ≥ 0.21 in English, ≥ 0.13 in Arabic on the
# paraphrased sets) and unrelated laws (fisheries, tax, traffic: ≤ 0.09).
ACCEPT = {"en": 0.18, "ar": 0.11}
CLOSE = 0.9  # a second clause is taken too when it scores this close to the best
FULL = 0.45  # a match this close keeps a clause's full mappings; below, coverage counts as partial
EN_STOP = set("""a an the of and or to in on at by for from with within without into under as be is are was were been
being this that these those which who whom whose it its their them they he she his her him such any all each every
other than then there where when while if unless not no nor shall may must can could would should will has have had
do does did so also only same per upon out over more most less least very one two three article articles paragraph
paragraphs law this""".split())
AR_STOP = set(arabic.normalise(w) for w in """في من على إلى الى عن مع أو او و أن ان إن التي الذي الذين هذا هذه ذلك تلك كل
ما لا لم لن قد كان كانت يكون تكون به بها له لها فيه فيها عليه عليها منه منها إذا اذا أي اي بعد قبل حتى غير بين عند
وفق وفقا أحكام احكام المادة المواد الفقرة هذه القانون""".split())
_EN_WORD = re.compile(r"[a-z]+")


def _en_stem(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss" if suffix == "s" else "\0"):
            return word[: -len(suffix)] + repl
    return word


def _ar_stem(word: str) -> str:
    for prefix in arabic.PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    for suffix in ("ات", "ين", "ون", "ها", "هم", "ه", "ي"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokens(text: str, lang: str) -> list[str]:
    """Normalised, lightly stemmed content words of a text, then its word pairs."""
    text = PARAM.sub(" ", REF.sub(" ", text.replace("**", "")))
    if lang == "ar":
        words = [_ar_stem(w) for w in arabic.words(text) if w not in AR_STOP and not w.isdigit() and len(w) > 1]
        # Arabic words change shape with their pattern and affixes: their letter 4-grams match across forms
        grams = [f"#{w[i:i + 4]}" for w in words if len(w) >= 5 for i in range(len(w) - 3)]
        return words + [f"{a} {b}" for a, b in zip(words, words[1:])] + grams
    else:
        words = [_en_stem(w) for w in _EN_WORD.findall(text.lower()) if w not in EN_STOP and len(w) > 2]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class Match:
    clause: str
    score: float
    evidence: tuple[str, ...]  # the shared words that weigh most

    def explain(self) -> str:
        return f"matched {self.clause} {self.score:.2f}: {', '.join(self.evidence)}"


class Matcher:
    """A TF-IDF index of the corpus clauses, one per language."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.glossary = tuple(corpus.terms.values())
        self.index: dict[str, dict[str, list[tuple[str, float]]]] = {}
        self.idf: dict[str, dict[str, float]] = {}
        for lang in ("en", "ar"):
            docs = {}
            for cid, clause in corpus.clauses.items():
                if clause.kind == "definition":
                    continue  # definitions are recognised through the glossary terms instead
                text = "\n".join(s for p in clause.body[lang] for s in p.strings())
                docs[cid] = self._features(clause.title[lang], text, lang)
            df: dict[str, int] = {}
            for feats in docs.values():
                for t in feats:
                    df[t] = df.get(t, 0) + 1
            n = len(docs)
            idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
            postings: dict[str, list[tuple[str, float]]] = {}
            for cid, feats in docs.items():
                vec = {t: (1 + math.log(c)) * idf[t] for t, c in feats.items()}
                norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
                for t, v in vec.items():
                    postings.setdefault(t, []).append((cid, v / norm))
            self.index[lang], self.idf[lang] = postings, idf

    def _features(self, title: str, text: str, lang: str) -> dict[str, int]:
        """Word and word-pair counts, the title's counted three times, and the defined terms used."""
        feats: dict[str, int] = {}
        for t in tokens(text, lang) + tokens(title, lang) * 3:
            feats[t] = feats.get(t, 0) + 1
        text = f"{title}\n{text}"
        found = term_finder.find_en(text, self.glossary) if lang == "en" else term_finder.find_ar(text, self.glossary)
        for tid in found:
            feats[f"term:{tid}"] = feats.get(f"term:{tid}", 0) + 2
        return feats

    def match(self, title: str, text: str, lang: str, top: int = 3) -> list[Match]:
        idf, postings = self.idf[lang], self.index[lang]
        feats = self._features(title, text, lang)
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in feats.items() if t in idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        scores: dict[str, float] = {}
        contrib: dict[str, dict[str, float]] = {}
        for t, q in vec.items():
            for cid, d in postings[t]:
                part = q / norm * d
                scores[cid] = scores.get(cid, 0.0) + part
                contrib.setdefault(cid, {})[t] = part
        best = sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:top]
        return [Match(cid, round(score, 3), tuple(self._shown(t, lang) for t, _ in sorted(
            contrib[cid].items(), key=lambda x: -x[1])[:4])) for cid, score in best]

    def _shown(self, token: str, lang: str) -> str:
        if token.startswith("term:"):
            term = self.corpus.terms[token[5:]]
            return term.en if lang == "en" else term.ar
        return token

    def accepted(self, matches: list[Match], lang: str) -> list[Match]:
        if not matches or matches[0].score < ACCEPT[lang]:
            return []
        return [m for m in matches if m.score >= max(ACCEPT[lang], CLOSE * matches[0].score)]


def _closest(corpus: Corpus, mappings: tuple[Mapping, ...], title: str) -> list[Mapping]:
    """Of a clause's several provisions in one standard, those whose title the article's title names best
    (GDPR Art. 14's text matches the clause that implements Arts. 13 and 14: it covers Art. 14)."""
    words = set(tokens(title, "en"))
    out = []
    for sid in dict.fromkeys(m.standard for m in mappings):
        group = [m for m in mappings if m.standard == sid]
        if len(group) > 1 and words:
            std = corpus.standards[sid]
            fit = {m: len(words & set(tokens(p.title, "en"))) / len(words | set(tokens(p.title, "en")))
                   for m in group if (p := std.provision(m.ref))}
            top = max(fit.values(), default=0.0)
            if top >= 0.5:
                group = [m for m in group if fit.get(m) == top]
        out += group
    return out


_LAST: list = []  # (corpus, its Matcher): a comparison infers on both versions against the same corpus


def _matcher(corpus: Corpus) -> Matcher:
    if not _LAST or _LAST[0][0] is not corpus:
        _LAST[:] = [(corpus, Matcher(corpus))]
    return _LAST[0][1]


def infer(draft: Draft, corpus: Corpus) -> tuple[Draft, dict[int, list[Match]]]:
    """The draft with inferred mappings on every article that has neither a clause id nor mappings of its own,
    and the matches behind them (article number → accepted matches, empty when none)."""
    todo = [a for a in draft.articles() if not a.clause and not a.implements]
    if not todo:
        return draft, {}
    matcher = _matcher(corpus)
    found: dict[int, list[Match]] = {}
    replaced: dict[int, Article] = {}
    for art in todo:
        best: dict[str, Match] = {}
        for lang in art.paragraphs:
            if art.text(lang).strip() or art.title[lang].strip():
                for m in matcher.accepted(matcher.match(art.title[lang], art.text(lang), lang), lang):
                    if m.clause not in best or m.score > best[m.clause].score:
                        best[m.clause] = m
        chosen = sorted(best.values(), key=lambda m: (-m.score, m.clause))
        found[art.number] = chosen
        mappings = []
        for m in chosen:
            for mapping in _closest(corpus, corpus.clauses[m.clause].implements, art.title.en):
                relation = mapping.relation if m.score >= FULL else ("subset" if mapping.full else mapping.relation)
                mappings.append(Mapping(mapping.standard, mapping.ref, relation, m.explain(), inferred=True))
        replaced[art.number] = replace(art, implements=tuple(dict.fromkeys(mappings)))
    chapters = tuple(replace(c, articles=tuple(replaced.get(a.number, a) for a in c.articles)) for c in draft.chapters)
    return replace(draft, chapters=chapters), found
