"""Comparison → text, Markdown, JSON and a self-contained side-by-side HTML page."""

from __future__ import annotations

import html
import json

from toolkit.diff import Comparison

LANG_NAME = {"en": "English", "ar": "Arabic"}


def to_dict(c: Comparison) -> dict:
    return {
        "old": c.old_source, "new": c.new_source, "summary": c.summary(),
        "articles": [{
            "status": a.status, "clause": a.clause, "old_number": a.old_number, "new_number": a.new_number,
            "title": {"en": a.title.en, "ar": a.title.ar},
            "changes": [{"lang": ch.lang, "where": ch.where, "ops": [list(op) for op in ch.ops]} for ch in a.changes],
        } for a in c.articles],
        "parameters": list(c.parameters), "modality_shifts": list(c.modality_shifts),
        "coverage_delta": list(c.coverage_delta),
    }


def to_json(c: Comparison) -> str:
    return json.dumps(to_dict(c), ensure_ascii=False, indent=2) + "\n"


def _number(a) -> str:
    if a.old_number and a.new_number and a.old_number != a.new_number:
        return f"Art. {a.old_number} → {a.new_number}"
    return f"Art. {a.new_number or a.old_number}"


def _inline(ops, dele: str, ins: str, close: tuple[str, str]) -> str:
    return "".join(t if k == "eq" else f"{dele}{t}{close[0]}" if k == "del" else f"{ins}{t}{close[1]}" for k, t in ops)


def _shift(s: dict) -> str:
    what = f"“{s['from']}” → “{s['to']}”" if s["from"] and s["to"] else \
        f"added “{s['to']}”" if s["to"] else f"removed “{s['from']}”"
    return f"Art. {s['article']} ({s['clause'] or 'no clause id'}), {LANG_NAME[s['lang']]} {s['where']}: {s['effect']}: {what}"


def to_text(c: Comparison) -> str:
    s = c.summary()
    lines = [f"Comparison: {c.old_source} → {c.new_source}",
             "  ".join(f"{k} {v}" for k, v in s.items()), ""]
    if c.modality_shifts:
        lines.append("Modality shifts:")
        lines += [f"  {_shift(m)}" for m in c.modality_shifts] + [""]
    if c.parameters:
        lines.append("Parameters:")
        lines += [f"  {p['name']}: {p['old']} → {p['new']}{'  (' + p['effect'] + ')' if p['effect'] else ''}"
                  for p in c.parameters] + [""]
    if c.coverage_delta:
        lines.append("Coverage:")
        for d in c.coverage_delta:
            lines.append(f"  {d['short']}: {d['old_score']:.1f} → {d['new_score']:.1f}"
                         + (f"  lost {', '.join(d['lost'])}" if d["lost"] else "")
                         + (f"  gained {', '.join(d['gained'])}" if d["gained"] else ""))
        lines.append("")
    for a in c.articles:
        if a.status == "unchanged":
            continue
        lines.append(f"{a.status.upper():<9} {_number(a)}  {a.title.en or a.title.ar}  [{a.clause}]")
        for ch in a.changes:
            lines.append(f"    {ch.lang} {ch.where}: " + _inline(ch.ops, "[-", "{+", ("-]", "+}")))
    return "\n".join(lines) + "\n"


def to_markdown(c: Comparison) -> str:
    s = c.summary()
    lines = [f"# Comparison: {c.old_source} → {c.new_source}", "",
             "| " + " | ".join(s) + " |", "|" + "---:|" * len(s), "| " + " | ".join(map(str, s.values())) + " |", ""]
    if c.modality_shifts:
        lines += ["## Modality shifts", ""] + [f"- **{m['effect']}**: {_shift(m)}" for m in c.modality_shifts] + [""]
    if c.parameters:
        lines += ["## Parameters", "", "| parameter | old | new | effect |", "|---|---|---|---|"]
        lines += [f"| {p['name']} | {p['old']} | {p['new']} | {p['effect']} |" for p in c.parameters] + [""]
    if c.coverage_delta:
        lines += ["## Coverage", "", "| standard | old | new | lost | gained |", "|---|---:|---:|---|---|"]
        lines += [f"| {d['short']} | {d['old_score']:.1f} | {d['new_score']:.1f} | {', '.join(d['lost'])} | "
                  f"{', '.join(d['gained'])} |" for d in c.coverage_delta] + [""]
    lines += ["## Articles", ""]
    for a in c.articles:
        if a.status == "unchanged":
            continue
        lines.append(f"### {a.status}: {_number(a)} — {a.title.en or a.title.ar}")
        for ch in a.changes:
            text = _inline(ch.ops, "~~", "**", ("~~", "**"))
            lines.append(f"- {ch.lang} {ch.where}: " + (f'<span dir="rtl">{text}</span>' if ch.lang == "ar" else text))
        lines.append("")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:"Noto Sans","Noto Sans Arabic",Arial,sans-serif;margin:2em;color:#222;max-width:1300px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.35em .6em;vertical-align:top}
th{background:#eee}del{background:#f8d3d0;color:#7a1010}ins{background:#cdefc4;color:#145214;text-decoration:none}
.ar{font-family:"Noto Naskh Arabic","Noto Sans Arabic",serif;direction:rtl;text-align:right}
.weakened{color:#b00020;font-weight:bold}.strengthened{color:#1b6e20;font-weight:bold}
.added{background:#eefbea}.removed{background:#fdeceb}.moved{background:#f2f2f2}
.art{margin:1.2em 0;padding:.4em .8em;border-left:4px solid #bbb}.art.modified{border-color:#d9a400}
.art.added{border-color:#3a9a3a}.art.removed{border-color:#c33}
"""


def to_html(c: Comparison) -> str:
    e = html.escape
    s = c.summary()
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           f"<title>Comparison — {e(c.new_source)}</title><style>{_CSS}</style></head><body>",
           f"<h1>What changed: {e(c.old_source)} → {e(c.new_source)}</h1>",
           '<table id="summary"><tr>' + "".join(f"<th>{k}</th>" for k in s) + "</tr><tr>"
           + "".join(f"<td>{v}</td>" for v in s.values()) + "</tr></table>"]
    out.append(f'<h2>Modality shifts ({len(c.modality_shifts)})</h2><ul id="shifts">')
    for m in c.modality_shifts:
        what = " → ".join(f"“<bdi>{e(w)}</bdi>”" for w in (m["from"], m["to"]) if w)
        verb = "" if m["from"] and m["to"] else "added " if m["to"] else "removed "
        out.append(f'<li><span class="{m["effect"]}">{m["effect"]}</span>: Art. {m["article"]} '
                   f'({e(m["clause"] or "no clause id")}), {LANG_NAME[m["lang"]]} {e(m["where"])}: {verb}{what}</li>')
    out.append("</ul>")
    if c.parameters:
        out.append('<h2>Parameters</h2><table id="parameters"><tr><th>parameter</th><th>old</th><th>new</th><th>effect</th></tr>')
        out += [f'<tr><td>{e(p["name"])}</td><td>{e(str(p["old"]))}</td><td>{e(str(p["new"]))}</td>'
                f'<td class="{"weakened" if p["effect"] == "weaker" else "strengthened" if p["effect"] else ""}">'
                f'{e(p["effect"])}</td></tr>' for p in c.parameters]
        out.append("</table>")
    if c.coverage_delta:
        out.append('<h2>Coverage of the international standards</h2><table id="coverage"><tr><th>standard</th>'
                   "<th>before</th><th>after</th><th>provisions lost</th><th>provisions gained</th></tr>")
        out += [f'<tr><td>{e(d["short"])}</td><td>{d["old_score"]:.1f}</td><td>{d["new_score"]:.1f}</td>'
                f'<td class="weakened">{e(", ".join(d["lost"]))}</td><td class="strengthened">{e(", ".join(d["gained"]))}</td></tr>'
                for d in c.coverage_delta]
        out.append("</table>")
    out.append("<h2>Articles</h2>")
    moved = [a for a in c.articles if a.status == "moved"]
    if moved:
        out.append(f'<p class="moved" id="moved">Renumbered only ({len(moved)}): '
                   + "; ".join(f"{a.old_number} → {a.new_number} {e(a.title.en or a.title.ar)}" for a in moved) + "</p>")
    for a in c.articles:
        if a.status in ("unchanged", "moved"):
            continue
        out.append(f'<div class="art {a.status}"><h3>{e(a.status)}: {e(_number(a))} — {e(a.title.en)} '
                   f'<span class="ar" dir="rtl">{e(a.title.ar)}</span></h3>')
        whole = a.new if a.status == "added" else a.old if a.status == "removed" else None
        if whole is not None:
            tag = "ins" if a.status == "added" else "del"
            out.append("<table><tr>" + "".join(
                f'<td{" class=ar dir=rtl lang=ar" if code == "ar" else ""}>'
                + "<br>".join(f"<{tag}>{e(t)}</{tag}>" for p in whole.paragraphs.get(code, ()) for t in p.strings())
                + "</td>" for code in c.languages if code in whole.paragraphs) + "</tr></table>")
        if a.changes:
            out.append("<table><tr>" + "".join(f"<th>{LANG_NAME[code]}</th>" for code in c.languages) + "</tr>")
            by_where: dict[str, dict] = {}
            for ch in a.changes:
                by_where.setdefault(ch.where, {})[ch.lang] = ch
            for where, per in by_where.items():
                cells = []
                for code in c.languages:
                    ch = per.get(code)
                    body = "".join(e(t) if k == "eq" else f"<{k}>{e(t)}</{k}>" for k, t in ch.ops) if ch else ""
                    attrs = ' class="ar" dir="rtl" lang="ar"' if code == "ar" else ""
                    cells.append(f"<td{attrs}><small>{e(where)}</small> {body}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</table>")
        out.append("</div>")
    out.append("</body></html>\n")
    return "\n".join(out)


RENDERERS = {"text": to_text, "md": to_markdown, "json": to_json, "html": to_html}
