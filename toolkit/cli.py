"""The `lawkit` command: parse arguments, call the library, print. Heavy imports stay inside commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from toolkit.errors import LawkitError
from toolkit.text import numbered


class _Group(click.Group):
    """A group that turns a LawkitError into one line on stderr and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LawkitError as exc:
            click.echo(f"lawkit: error: {exc}", err=True)
            ctx.exit(2)


def _corpus(path):
    from toolkit.corpus import load_corpus

    return load_corpus(Path(path) if path else None)


corpus_option = click.option("--corpus", "corpus_path", type=click.Path(file_okay=False),
                             help="Corpus folder (default: the built-in corpus).")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lawkit", message="lawkit %(version)s")
def main():
    """Draft data-protection and cybersecurity legislation from a bilingual clause corpus."""


@main.group()
def corpus():
    """Check and browse the clause corpus."""


@corpus.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def corpus_check(directory):
    """Validate the whole corpus; print every problem as path:line: message."""
    from toolkit.check import check
    from toolkit.corpus import read_corpus
    from toolkit.paths import corpus_dir

    loaded, problems = read_corpus(Path(directory) if directory else corpus_dir())
    problems.extend(check(loaded, problems.base))
    for problem in sorted(set(problems)):
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(set(problems))} problem(s)", err=True)
        sys.exit(1)
    click.echo(f"{len(loaded.clauses)} clauses, {len(loaded.terms)} terms, {len(loaded.parameters)} parameters, "
               f"{len(loaded.standards)} standards: ok")


@corpus.command("list")
@click.option("--area", help="Only clauses whose id starts with this area, e.g. dp.rights or cc.")
@click.option("--standard", help="Only clauses implementing this standard.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@corpus_option
def corpus_list(area, standard, fmt, corpus_path):
    """List the clauses."""
    loaded = _corpus(corpus_path)
    if standard and standard not in loaded.standards:
        raise LawkitError(f"unknown standard '{standard}' (known: {', '.join(sorted(loaded.standards))})")
    rows = [c for c in sorted(loaded.clauses.values(), key=lambda c: c.id)
            if (not area or c.id == area or c.id.startswith(area.rstrip(".") + "."))
            and (not standard or any(m.standard == standard for m in c.implements))]
    if fmt == "json":
        click.echo(json.dumps([{
            "id": c.id, "area": c.area, "kind": c.kind, "title": {"en": c.title.en, "ar": c.title.ar},
            "implements": [{"standard": m.standard, "ref": m.ref, "relation": m.relation} for m in c.implements],
        } for c in rows], ensure_ascii=False, indent=2))
        return
    width = max((len(c.id) for c in rows), default=0)
    for c in rows:
        click.echo(f"{c.id:<{width}}  {c.kind:<11}  {c.title.en}")
    click.echo(f"{len(rows)} clause(s)", err=True)


@corpus.command("show")
@click.argument("clause_id")
@click.option("--lang", type=click.Choice(["en", "ar", "both"]), default="both", show_default=True)
@click.option("--variant", default="", help="Show this variant instead of the default text.")
@corpus_option
def corpus_show(clause_id, lang, variant, corpus_path):
    """Show one clause: its metadata and its text."""
    loaded = _corpus(corpus_path)
    clause = loaded.clause(clause_id, variant)
    click.echo(f"{clause.id}  [{clause.kind}]  {clause.title.en} / {clause.title.ar}")
    others = sorted(set(loaded.variants[clause.id]) - {clause.variant or "default"})
    if clause.variant or others:
        click.echo(f"variant: {clause.variant or 'default'}" + (f" (others: {', '.join(others)})" if others else ""))
    if clause.requires:
        click.echo("requires: " + ", ".join(clause.requires))
    for m in clause.implements:
        click.echo(f"implements: {loaded.standards[m.standard].short} {m.ref} ({m.relation})"
                   + (f" {m.note}" if m.note else ""))
    for code in (("en", "ar") if lang == "both" else (lang,)):
        click.echo(f"\n## {code}")
        for n, para in numbered(clause.body[code]):
            click.echo((f"{n}. " if n else "") + para.text)
            for item in para.items:
                click.echo(f"   - {item}")


@main.group()
def standards():
    """Browse the catalog of international instruments."""


@standards.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@corpus_option
def standards_list(fmt, corpus_path):
    """List the instruments."""
    loaded = _corpus(corpus_path)
    items = sorted(loaded.standards.values(), key=lambda s: s.id)
    if fmt == "json":
        click.echo(json.dumps([{"id": s.id, "short": s.short, "title": s.title.en, "provisions": len(s.provisions)}
                               for s in items], ensure_ascii=False, indent=2))
        return
    for s in items:
        click.echo(f"{s.id:<10} {s.short:<16} {len(s.provisions):>3} provisions  {s.title.en}")


@standards.command("show")
@click.argument("standard_id")
@click.option("--weight", type=click.Choice(["core", "expected", "optional", "n/a"]), help="Only provisions of this weight.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@corpus_option
def standards_show(standard_id, weight, fmt, corpus_path):
    """Show one instrument's provisions."""
    loaded = _corpus(corpus_path)
    std = loaded.standards.get(standard_id)
    if std is None:
        raise LawkitError(f"unknown standard '{standard_id}' (known: {', '.join(sorted(loaded.standards))})")
    rows = [p for p in std.provisions if not weight or p.weight == weight]
    if fmt == "json":
        click.echo(json.dumps({"id": std.id, "title": std.title.en, "provisions": [
            {"ref": p.ref, "title": p.title, "weight": p.weight} for p in rows]}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{std.title.en}\n{std.citation}  {std.url}\n")
    width = max((len(p.ref) for p in rows), default=0)
    for p in rows:
        click.echo(f"{p.ref:<{width}}  {p.weight:<8}  {p.title}")


# ---------------------------------------------------------------- building

def _draft_options(fn):
    for option in reversed([
        click.option("--set", "sets", multiple=True, metavar="NAME=VALUE", help="Set a parameter (repeatable)."),
        click.option("--variant", "variants", multiple=True, metavar="CLAUSE=VARIANT", help="Choose a clause variant."),
        click.option("--exclude", multiple=True, metavar="ID_OR_GLOB", help="Leave clauses out (repeatable)."),
        click.option("--include", multiple=True, metavar="ID", help="Add a clause the template does not list."),
        corpus_option,
    ]):
        fn = option(fn)
    return fn


def _report(draft) -> None:
    for line in draft.report:
        click.echo(f"lawkit: {line}", err=True)


FORMATS = {".md": "md", ".markdown": "md", ".json": "json", ".docx": "docx", ".xml": "akn"}


def _render(draft, fmt: str, lang: str, **docx_options) -> str | bytes:
    """The draft in one of the output formats (json, md, akn, docx)."""
    if fmt == "json":
        return draft.to_json()
    if fmt == "md":
        from toolkit.render.markdown import render

        return render(draft, lang)
    if fmt == "akn":
        from toolkit.render.akn import render

        return render(draft, lang)
    from toolkit.render.docx import render

    return render(draft, lang=lang, **docx_options)


@main.command()
@click.argument("template", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default draft.docx).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "json", "akn"]),
              help="Default: from the output's extension (.xml: Akoma Ntoso).")
@click.option("--lang", type=click.Choice(["ar", "en", "both"]), default="both", show_default=True)
@click.option("--layout", type=click.Choice(["parallel", "sequential"]), default="parallel", show_default=True,
              help="With --lang both: two columns, or Arabic then English.")
@click.option("--toc", is_flag=True, help="DOCX: add a table of contents.")
@click.option("--concordance", is_flag=True, help="DOCX: add the table of correspondence as an annex.")
@_draft_options
def build(template, output, fmt, lang, layout, toc, concordance, sets, variants, exclude, include, corpus_path):
    """Build a draft law from a template (a name such as sy-pdp-cyber, or a path)."""
    from toolkit.sources import build_draft, write_output

    fmt = fmt or (FORMATS.get(Path(output).suffix.lower()) if output else "docx")
    if fmt is None:
        raise LawkitError(f"{output}: cannot tell the format from the extension; use .docx, .md, .json or .xml, "
                          "or --format")
    output = output or f"draft.{ {'md': 'md', 'json': 'json', 'docx': 'docx', 'akn': 'xml'}[fmt] }"
    draft, corpus = build_draft(template, corpus_path, sets, variants, exclude, include)
    data = _render(draft, fmt, lang, layout=layout, toc=toc, concordance=concordance, corpus=corpus)
    write_output(Path(output), data, inputs=[template])
    _report(draft)
    click.echo(f"wrote {output}: {sum(1 for _ in draft.articles())} articles in {len(draft.chapters)} chapters",
               err=True)


@main.command()
@click.argument("source", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["graphml", "dot", "json"]), default=None,
              help="Default: from the output's extension, else graphml.")
@click.option("--why", "why_id", metavar="CLAUSE_ID", help="Print the chain of requirements that brought a clause in.")
@_draft_options
def graph(source, output, fmt, why_id, sets, variants, exclude, include, corpus_path):
    """Export the draft's dependency graph (GraphML for Gephi/yEd, DOT, JSON), or explain one clause.

    SOURCE is a template (name or path; default sy-pdp-cyber) or a draft file (.json, .docx, .md, .txt, .xml)."""
    from toolkit import graph as graphs
    from toolkit.sources import draft_or_build, write_output

    draft, corpus = draft_or_build(source, corpus_path, sets, variants, exclude, include)
    if why_id:
        click.echo("\n".join(graphs.why(draft, why_id)))
        return
    fmt = fmt or {".dot": "dot", ".gv": "dot", ".json": "json"}.get(Path(output).suffix.lower() if output else "", "graphml")
    data = graphs.export(graphs.build(draft, corpus), fmt)
    if output:
        write_output(Path(output), data, inputs=[source])
    else:
        click.echo(data, nl=False)


@main.command()
@click.argument("source", required=False)
@click.option("--standard", "standard_ids", multiple=True, metavar="ID", help="Measure against this standard (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json", "csv", "html"]), default=None,
              help="Default: from the output's extension, else text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 when any selected standard scores below this.")
@_draft_options
def gaps(source, standard_ids, fmt, output, fail_under, sets, variants, exclude, include, corpus_path):
    """Report what a draft covers of the international standards, what it misses and where it is weaker.

    SOURCE is a template (name or path; default sy-pdp-cyber) or a draft file (.json, .docx, .md, .txt, .xml)."""
    from toolkit.gaps import analyse
    from toolkit.render.gaps import RENDERERS
    from toolkit.sources import draft_or_build, write_output

    draft, corpus = draft_or_build(source, corpus_path, sets, variants, exclude, include)
    report = analyse(draft, corpus, list(standard_ids) or None, source=source or draft.template)
    fmt = fmt or {".md": "md", ".json": "json", ".csv": "csv", ".html": "html", ".htm": "html"}.get(
        Path(output).suffix.lower() if output else "", "text")
    data = RENDERERS[fmt](report)
    if output:
        write_output(Path(output), data, inputs=[source])
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data, nl=False)
    low = [s for s in report.standards if fail_under is not None and s.score < fail_under]
    if low:
        click.echo("lawkit: below --fail-under {:g}: {}".format(
            fail_under, ", ".join(f"{s.short} {s.score:.1f}" for s in low)), err=True)
        sys.exit(1)


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write: .json (Draft JSON), .docx, .md or .xml (Akoma Ntoso); default: JSON on standard "
                   "output.")
@corpus_option
def import_(source, output, corpus_path):
    """Read a draft (DOCX or Akoma Ntoso XML — lawkit's or anyone's —, Markdown, text or lawkit JSON) into lawkit's
    Draft JSON, or write it out again as DOCX, Markdown or Akoma Ntoso."""
    from toolkit.corpus import load_corpus
    from toolkit.sources import load_draft, write_output

    fmt = FORMATS.get(Path(output).suffix.lower()) if output else "json"
    if fmt is None:
        raise LawkitError(f"{output}: cannot tell the format from the extension; use .json, .docx, .md or .xml")
    corpus = load_corpus(Path(corpus_path) if corpus_path else None)
    draft = load_draft(source, corpus)
    data = _render(draft, fmt, draft.languages[0] if len(draft.languages) == 1 else "both", corpus=corpus)
    if output:
        write_output(Path(output), data, inputs=[source])
        chapters = len(draft.chapters)
        click.echo(f"wrote {output}: {sum(1 for _ in draft.articles())} articles in {chapters} chapters "
                   f"({', '.join(draft.languages)})", err=True)
    else:
        click.echo(data, nl=False)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json", "html", "docx"]), default=None,
              help="Default: from the output's extension, else text.")
@click.option("--lang", type=click.Choice(["ar", "en", "both"]), default="both", show_default=True)
@click.option("--standard", "standard_ids", multiple=True, metavar="ID", help="Standards for the coverage delta.")
@corpus_option
def diff(old, new, output, fmt, lang, standard_ids, corpus_path):
    """Compare two versions of a draft: what changed, article by article and word by word, and what it did.

    OLD and NEW are draft files (.docx, .json, .md, .txt, .xml) or template names."""
    from toolkit.corpus import load_corpus
    from toolkit.diff import compare
    from toolkit.sources import build_draft, is_draft_file, load_draft, write_output

    corpus = load_corpus(Path(corpus_path) if corpus_path else None)
    drafts = [load_draft(s, corpus) if is_draft_file(s) else build_draft(s, corpus_path)[0] for s in (old, new)]
    if lang != "both":
        for d, name in zip(drafts, (old, new)):
            if lang not in d.languages:
                raise LawkitError(f"{name}: has no {'Arabic' if lang == 'ar' else 'English'} text")
    comparison = compare(*drafts, corpus=corpus, old_source=old, new_source=new, standards=list(standard_ids) or None)
    if lang != "both":
        from dataclasses import replace

        comparison = replace(comparison, languages=(lang,))
    fmt = fmt or {".md": "md", ".json": "json", ".html": "html", ".htm": "html", ".docx": "docx"}.get(
        Path(output).suffix.lower() if output else "", "text")
    if fmt == "docx":
        from toolkit.render.docx import render_redline

        if not output:
            raise LawkitError("--format docx needs -o FILE.docx")
        data = render_redline(comparison, lang)
    else:
        from toolkit.render.diff import RENDERERS

        data = RENDERERS[fmt](comparison)
    if output:
        write_output(Path(output), data, inputs=[old, new])
        s = comparison.summary()
        click.echo(f"wrote {output}: " + ", ".join(f"{v} {k}" for k, v in s.items()), err=True)
    else:
        click.echo(data, nl=False)
