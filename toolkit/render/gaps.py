"""GapReport → text, Markdown, CSV, JSON and a self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
import json

from toolkit.gaps import FORMULA, GapReport

STATUS_MARK = {"covered": "✔", "partial": "◐", "missing": "✘"}


def _articles(numbers) -> str:
    return ", ".join(f"Art. {n}" for n in numbers)


def to_dict(report: GapReport) -> dict:
    return {
        "source": report.source, "formula": FORMULA,
        "standards": [{
            "id": s.id, "title": s.title, "score": s.score,
            "provisions": [{"ref": p.ref, "title": p.title, "weight": p.weight, "status": p.status,
                            "articles": list(p.articles), "suggestions": list(p.suggestions), "inferred": p.inferred}
                           for p in s.provisions],
        } for s in report.standards],
        "findings": [{"kind": f.kind, "severity": f.severity, "message": f.message, "articles": list(f.articles)}
                     for f in report.findings],
        "unmatched_articles": list(report.unmatched),
        "matches": [{"article": n, "title": t, "explanations": list(ex)} for n, t, ex in report.matches],
    }


def to_json(report: GapReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def to_csv(report: GapReport) -> str:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["standard", "ref", "title", "weight", "status", "articles", "suggestions", "inferred"])
    for s in report.standards:
        for p in s.provisions:
            out.writerow([s.id, p.ref, p.title, p.weight, p.status, " ".join(map(str, p.articles)),
                          " ".join(p.suggestions), "yes" if p.inferred else ""])
    return buf.getvalue()


def _summary_rows(report: GapReport) -> list[tuple]:
    return [(s.short, f"{s.score:.1f}", s.count("covered"), s.count("partial"), s.count("missing"),
             s.count("missing", "core")) for s in report.standards]


def to_text(report: GapReport) -> str:
    head = ("standard", "score", "covered", "partial", "missing", "core missing")
    rows = [head] + [tuple(map(str, r)) for r in _summary_rows(report)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [f"Gap report: {report.source}", ""]
    lines += ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    lines += ["", FORMULA, ""]
    if report.findings:
        lines.append(f"Findings ({len(report.findings)}):")
        lines += [f"  [{f.severity}] {f.kind}: {f.message}" for f in report.findings]
        lines.append("")
    for s in report.standards:
        lines.append(f"{s.short} — {s.title}: {s.score:.1f}")
        for p in s.provisions:
            if p.weight in ("n/a",):
                continue
            where = f"  ({_articles(p.articles)})" if p.articles else ""
            hint = f"  → add {', '.join(p.suggestions)}" if p.suggestions and p.status == "missing" else ""
            inferred = "  [inferred]" if p.inferred else ""
            lines.append(f"  {STATUS_MARK[p.status]} {p.ref:<8} {p.weight:<8} {p.title}{where}{inferred}{hint}")
        lines.append("")
    if report.matches:
        lines.append("Inferred coverage (articles lawkit did not write, matched to corpus clauses):")
        lines += [f"  Art. {n} {t}: " + "; ".join(ex) for n, t, ex in report.matches]
    if report.unmatched:
        lines.append(f"Articles matched to no corpus clause: {_articles(report.unmatched)}")
    return "\n".join(lines) + "\n"


def to_markdown(report: GapReport) -> str:
    lines = [f"# Gap report: {report.source}", "", "| standard | score | covered | partial | missing | core missing |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += ["| " + " | ".join(map(str, r)) + " |" for r in _summary_rows(report)]
    lines += ["", f"*{FORMULA}.*", "", "## Findings", ""]
    lines += [f"- **{f.severity}** `{f.kind}`: {f.message}" for f in report.findings] or ["None."]
    for s in report.standards:
        lines += ["", f"## {s.short} — {s.score:.1f}", "", "| ref | provision | weight | status | articles | would cover it |",
                  "|---|---|---|---|---|---|"]
        for p in s.provisions:
            lines.append(f"| {p.ref} | {p.title.replace('|', '/')} | {p.weight} | {p.status}{' (inferred)' if p.inferred else ''} | "
                         f"{_articles(p.articles)} | {', '.join(p.suggestions)} |")
    if report.matches:
        lines += ["", "## Inferred coverage", ""] + [f"- Art. {n} {t}: " + "; ".join(ex) for n, t, ex in report.matches]
    if report.unmatched:
        lines += ["", f"Articles matched to no corpus clause: {_articles(report.unmatched)}"]
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:"Noto Sans","Noto Sans Arabic",Arial,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .5em;font-size:.9em;vertical-align:top}
th{background:#eee}.num{text-align:right}.ar{font-family:"Noto Naskh Arabic","Noto Sans Arabic",serif}
.matrix td{text-align:center;min-width:2.2em}.c0{background:#f4f4f4;color:#999}.c1{background:#fde2a8}
.c2{background:#b9e3a8}.c3{background:#6cc070;color:#fff}
.covered{background:#d9f2d0}.partial{background:#fdf0c4}.missing{background:#f8d3d0}
.high{color:#b00020;font-weight:bold}.medium{color:#a15c00}.low{color:#555}
.score{font-weight:bold}.bar{display:inline-block;height:.8em;background:#6cc070;vertical-align:middle}
.formula{color:#555;font-size:.85em}
"""


def to_html(report: GapReport) -> str:
    e = html.escape
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           f"<title>Gap report — {e(report.source)}</title><style>{_CSS}</style></head><body>",
           f"<h1>Gap report: {e(report.source)}</h1>",
           '<table id="summary"><tr><th>standard</th><th>score</th><th></th><th>covered</th><th>partial</th>'
           "<th>missing</th><th>core missing</th></tr>"]
    for s, row in zip(report.standards, _summary_rows(report)):
        out.append(f'<tr><td title="{e(s.title)}">{e(s.short)}</td><td class="num score">{row[1]}</td>'
                   f'<td><span class="bar" style="width:{s.score:.0f}px"></span></td>'
                   + "".join(f'<td class="num">{v}</td>' for v in row[2:]) + "</tr>")
    out.append(f'</table><p class="formula">{e(FORMULA)}.</p>')
    out.append('<h2>Coverage by chapter</h2><div style="overflow-x:auto"><table class="matrix" id="matrix">'
               "<tr><th>standard</th>")
    for number, en, ar in report.chapters:
        out.append(f'<th title="{e(en)}">{number}<br><span class="ar" dir="rtl" lang="ar">{e(ar)}</span></th>')
    out.append("</tr>")
    for s in report.standards:
        out.append(f"<tr><th>{e(s.short)}</th>")
        for number, en, _ in report.chapters:
            full, part = report.matrix[s.id][number]
            n = full + part
            level = 0 if n == 0 else 1 if full == 0 else 2 if full < 5 else 3
            out.append(f'<td class="c{level}" title="{e(en)}: {full} covered, {part} partial">{n or ""}</td>')
        out.append("</tr>")
    out.append("</table></div>")
    out.append(f'<h2>Findings ({len(report.findings)})</h2><table id="findings"><tr><th>severity</th><th>kind</th>'
               "<th>finding</th><th>articles</th></tr>")
    for f in report.findings:
        out.append(f'<tr><td class="{f.severity}">{f.severity}</td><td>{e(f.kind)}</td><td>{e(f.message)}</td>'
                   f"<td>{e(_articles(f.articles))}</td></tr>")
    out.append("</table>")
    for s in report.standards:
        out.append(f'<h2 id="std-{e(s.id)}">{e(s.short)} — {e(s.title)}: {s.score:.1f}</h2><table>'
                   "<tr><th>ref</th><th>provision</th><th>weight</th><th>status</th><th>articles</th><th>would cover it</th></tr>")
        for p in s.provisions:
            out.append(f'<tr class="{p.status}"><td>{e(p.ref)}</td><td>{e(p.title)}</td><td>{p.weight}</td>'
                       f"<td>{STATUS_MARK[p.status]} {p.status}{' (inferred)' if p.inferred else ''}</td>"
                       f"<td>{e(_articles(p.articles))}</td><td>{e(', '.join(p.suggestions))}</td></tr>")
        out.append("</table>")
    if report.matches:
        out.append('<h2>Inferred coverage</h2><table id="matches"><tr><th>article</th><th>matched clauses</th></tr>')
        out += [f"<tr><td>Art. {n} {e(t)}</td><td>{'<br>'.join(e(x) for x in ex)}</td></tr>" for n, t, ex in report.matches]
        out.append("</table>")
    if report.unmatched:
        out.append(f"<p>Articles matched to no corpus clause: {e(_articles(report.unmatched))}</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


RENDERERS = {"text": to_text, "md": to_markdown, "json": to_json, "csv": to_csv, "html": to_html}
