"""Turning what a user names on the command line into a Draft, and writing outputs safely."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from toolkit.errors import LawkitError


def pairs(values, option: str) -> dict:
    """NAME=VALUE options into a dict; a malformed one is a clear error."""
    out = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name.strip():
            raise LawkitError(f"{option} {value!r}: write {option} NAME=VALUE")
        out[name.strip()] = rest.strip()
    return out


def build_draft(template_name, corpus_path=None, sets=(), variants=(), exclude=(), include=()):
    from toolkit.assemble import assemble
    from toolkit.corpus import load_corpus
    from toolkit.template import load_template

    template = load_template(template_name)
    corpus = load_corpus(Path(corpus_path) if corpus_path else None)
    return assemble(corpus, template, pairs(sets, "--set"), pairs(variants, "--variant"), list(exclude),
                    list(include)), corpus


def draft_or_build(source, corpus_path=None, sets=(), variants=(), exclude=(), include=()):
    """A draft file as it is, or the draft a template (name or path) builds; with the corpus."""
    if not is_draft_file(source):
        return build_draft(source, corpus_path, sets, variants, exclude, include)
    if sets or variants or exclude or include:
        raise LawkitError("--set, --variant, --exclude and --include apply to templates; build the draft first")
    from toolkit.corpus import load_corpus

    corpus = load_corpus(Path(corpus_path) if corpus_path else None)
    return load_draft(source, corpus), corpus


def is_draft_file(source: str | None) -> bool:
    from toolkit.ingest import SUFFIXES

    return bool(source) and Path(source).suffix.lower() in SUFFIXES


def load_draft(source: str, corpus=None):
    """A draft from a file: lawkit JSON (and, through ingest, DOCX, Markdown, text, AKN)."""
    from toolkit.draft import Draft

    path = Path(source)
    if not path.is_file():
        raise LawkitError(f"{source}: no such file")
    if path.suffix.lower() == ".json":
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise LawkitError(f"{source}: not UTF-8 text; a lawkit draft JSON is UTF-8") from None
        return Draft.from_json(text, source)
    from toolkit.ingest import read_file

    return read_file(path, corpus)


def write_output(path: Path, data: str | bytes, inputs=()) -> None:
    """Write all of a file or none of it; never over one of the inputs."""
    path = Path(path)
    for source in inputs:
        if source and Path(source).exists() and path.exists() and Path(source).resolve() == path.resolve():
            raise LawkitError(f"{path}: refusing to overwrite an input file; choose another -o")
    if path.parent and not path.parent.exists():
        raise LawkitError(f"{path}: folder {path.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=".lawkit-", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # an ordinary file, not mkstemp's private 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
