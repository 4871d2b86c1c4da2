"""Draft → Markdown: the whole law in one language, or Arabic then English."""

from __future__ import annotations

from toolkit import numbering
from toolkit.draft import Draft
from toolkit.text import numbered


def _language(draft: Draft, lang: str) -> list[str]:
    style = draft.style
    law = draft.law
    sep = ": " if lang == "en" else ": "
    out = [f"# {law.title[lang]}", "", law.number[lang], "", law.enactment[lang], ""]
    part = None
    for chapter in draft.chapters:
        if chapter.part and chapter.part != part:
            part = chapter.part
            title = dict(draft.parts)[part][lang]
            out += [f"## {numbering.division('part', part, lang, style)}{sep}{title}", ""]
        out += [f"### {numbering.division('chapter', chapter.number, lang, style)}{sep}{chapter.title[lang]}", ""]
        for art in chapter.articles:
            out += [f"#### {numbering.article(art.number, lang, style)}{sep}{art.title[lang]}", ""]
            for number, para in numbered(art.paragraphs[lang]):
                if number:
                    out.append(f"{number}. {para.text}" if lang == "en" else
                               f"{numbering.digits(str(number), style)}. {para.text}")
                    indent = "   "
                else:
                    out.append(para.text)
                    indent = ""
                for i, item in enumerate(para.items):
                    out.append(f"{indent}- {numbering.item_label(i, lang)} {item}")
                out.append("")
    out += [law.closing[lang], ""]
    return out


def render(draft: Draft, lang: str = "both") -> str:
    langs = [code for code in ("ar", "en") if code in draft.languages] if lang == "both" else [lang]
    blocks = []
    for code in langs:
        lines = _language(draft, code)
        if code == "ar":
            lines = ['<div dir="rtl" lang="ar">', "", *lines, "</div>", ""]
        blocks.append("\n".join(lines))
    return "\n---\n\n".join(blocks)
