"""Reading drafts from files: lawkit JSON, DOCX and Akoma Ntoso (lawkit's own or anyone's), Markdown and text."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.draft import Draft
from toolkit.errors import LawkitError
from toolkit.ingest.structure import Block, to_draft

SUFFIXES = {".json", ".docx", ".md", ".markdown", ".txt", ".xml"}


def clause_info(corpus, variants: dict) -> dict:
    """What the corpus knows of each clause a lawkit document names (kind, requirements, mappings)."""
    if corpus is None:
        return {}
    info = {}
    for cid in corpus.clauses:
        clause = corpus.variants[cid].get(variants.get(cid, ""), corpus.clauses[cid])
        info[cid] = {
            "kind": clause.kind, "variant": clause.variant, "requires": clause.requires,
            "implements": clause.implements,
            "references": clause.references(),
            "weaker": clause.weaker.as_dict() if clause.weaker else None,
        }
    return info


def read_file(path: Path, corpus=None) -> Draft:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise LawkitError(f"{path}: lawkit reads .docx, .xml (Akoma Ntoso), .md, .txt and lawkit .json drafts, "
                          f"not '{suffix or path.name}'")
    if suffix == ".json":
        return Draft.from_json(_text(path), str(path))
    if suffix == ".docx":
        from toolkit.ingest.docx import read_docx

        blocks, meta = read_docx(path)
        meta["clauses"] = clause_info(corpus, meta.get("variants", {}))
        return to_draft(blocks, str(path), meta)
    if suffix == ".xml":
        from toolkit.ingest.akn import read_akn

        return read_akn(path)
    lines = _text(path).splitlines()
    if suffix in (".md", ".markdown"):
        lines = [_markdown_line(line) for line in lines]
    return to_draft([Block(line) for line in lines if line.strip()], str(path))


def _text(path: Path) -> str:
    data = path.read_bytes()
    if b"\0" in data[:4096]:
        raise LawkitError(f"{path}: a binary file, not text; give a .docx, .md, .txt or lawkit .json draft")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LawkitError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


def _markdown_line(line: str) -> str:
    """A Markdown line as plain text: no heading marks, list bullets, emphasis or HTML wrappers."""
    text = line.strip()
    if text.startswith("<") and text.endswith(">"):
        return ""
    text = text.lstrip("#").strip()
    if text.startswith(("- ", "* ", "+ ")):
        text = text[2:]
    return text.replace("**", "").replace("__", "")


def meta_from_json(value: str, default):
    try:
        return json.loads(value)
    except (json.JSONDecodeError, TypeError):
        return default
