"""Reading a DOCX safely: size and ratio limits against zip bombs, no DTDs (XML bombs, external entities).

A lawkit-built DOCX is recognised by its custom properties; its clause ids come from the bookmarks, which
survive editing in Word, and its text is read as it now stands (insertions kept, deletions dropped).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from toolkit.draft import Style
from toolkit.errors import LawkitError
from toolkit.ingest.structure import Block
from toolkit.text import Text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_TOTAL = 200 * 1024 * 1024  # uncompressed bytes
MAX_RATIO = 200  # uncompressed / compressed, per entry
MAX_ENTRIES = 5000
ROLES = {"Title": "title", "LawNumber": "number", "Enactment": "enactment", "Closing": "closing"}
SKIP_STYLES = ("TOC", "Header", "Footer")


def _open(path: Path) -> zipfile.ZipFile:
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise LawkitError(f"{path}: not a DOCX (it is not a zip package); save it from Word as .docx") from None
    except OSError as exc:
        raise LawkitError(f"{path}: cannot read it ({exc.strerror})") from None
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise LawkitError(f"{path}: refused: {len(infos)} entries in the package (a zip bomb?)")
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_TOTAL or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                                 and info.file_size > 1024 * 1024):
            raise LawkitError(f"{path}: refused: '{info.filename}' expands to {info.file_size:,} bytes "
                              "(a zip bomb?)")
    if "word/document.xml" not in z.namelist():
        raise LawkitError(f"{path}: not a Word document (no word/document.xml); save it from Word as .docx")
    return z


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _xml(z: zipfile.ZipFile, name: str, path: Path):
    try:
        with z.open(name) as fh:
            data = fh.read(MAX_TOTAL + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise LawkitError(f"{path}: corrupt package: cannot read {name} ({exc})") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise LawkitError(f"{path}: refused: {name} declares a DTD or entities (an XML bomb or external entity); "
                          "a Word document never does")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise LawkitError(f"{path}: corrupt {name}: {exc}") from None


def _props(z: zipfile.ZipFile, path: Path) -> dict:
    if "docProps/custom.xml" not in z.namelist():
        return {}
    root = _xml(z, "docProps/custom.xml", path)
    return {p.get("name"): "".join(p.itertext()) for p in root}


def _para(p, hashed: dict) -> tuple[str, str, tuple[str, ...]]:
    """(style id, text as it now stands with **bold** kept, clause ids of its lawkit bookmarks)."""
    from toolkit.render.docx import clause_from_bookmark

    style = p.find(f"{W}pPr/{W}pStyle")
    pieces: list[tuple[str, bool]] = []
    for run in p.iter(f"{W}r"):
        if run.getparent().tag in (f"{W}del", f"{W}moveFrom"):
            continue  # a tracked deletion: not part of the text as it now stands
        bold = run.find(f"{W}rPr/{W}b")
        bold = bold is not None and bold.get(f"{W}val", "true") not in ("0", "false")
        for node in run:
            if node.tag == f"{W}t":
                pieces.append((node.text or "", bold))
            elif node.tag == f"{W}tab":
                pieces.append(("\t", False))
            elif node.tag in (f"{W}br", f"{W}cr"):
                pieces.append((" ", False))
    text, open_bold = [], False
    for piece, bold in pieces:
        if bold != open_bold and piece.strip():
            text.append("**")
            open_bold = bold
        text.append(piece)
    if open_bold:
        text.append("**")
    marks = tuple(cid for b in p.iter(f"{W}bookmarkStart")
                  if (cid := clause_from_bookmark(b.get(f"{W}name", ""), hashed)))
    return (style.get(f"{W}val") if style is not None else ""), "".join(text), marks


def read_docx(path: Path) -> tuple[list[Block], dict]:
    from toolkit.ingest import meta_from_json

    with _open(path) as z:
        props = _props(z, path)
        body = _xml(z, "word/document.xml", path).find(f"{W}body")
    if body is None:
        raise LawkitError(f"{path}: corrupt word/document.xml (no body)")
    lawkit = "lawkit.generator" in props
    hashed = meta_from_json(props.get("lawkit.bookmarks"), {})
    blocks: list[Block] = []

    annex = False  # in a lawkit document, what follows a closing formula until the next title is an annex

    def add(p, lang: str = "") -> None:
        nonlocal annex
        style, text, marks = _para(p, hashed)
        base = style[:-2] if style.endswith("Ar") else style
        role = ROLES.get(base, "") if lawkit else ""
        if role == "title":
            annex = False
        if style.startswith(SKIP_STYLES) or annex:
            return
        blocks.append(Block(text, lang, role, marks))
        annex = role == "closing" and not lang

    for child in body:
        if child.tag == f"{W}p":
            add(child)
        elif child.tag == f"{W}tbl":
            rows = child.findall(f"{W}tr")
            if not rows or any(len(r.findall(f"{W}tc")) != 2 for r in rows):
                continue  # not the parallel layout (e.g. the table of correspondence)
            for row in rows:
                cells = row.findall(f"{W}tc")
                langs = _cell_langs(cells, hashed)
                for cell, lang in zip(cells, langs):
                    for p in cell.iter(f"{W}p"):
                        add(p, lang)
    meta = {}
    if lawkit:
        style = meta_from_json(props.get("lawkit.style"), None)
        meta = {"template": props.get("lawkit.template", ""), "corpus_hash": props.get("lawkit.corpus_hash", ""),
                "version": props.get("lawkit.version", ""), "date": props.get("lawkit.date", ""),
                "parameters": {k: Text.of(v) if isinstance(v, dict) else v
                               for k, v in _mapping(meta_from_json(props.get("lawkit.parameters"), {})).items()},
                "variants": meta_from_json(props.get("lawkit.variants"), {}),
                "standards": meta_from_json(props.get("lawkit.standards"), []),
                "external": {cid: Text.of(t) for cid, t in
                             _mapping(meta_from_json(props.get("lawkit.external"), {})).items() if isinstance(t, dict)},
                "style": Style(**style) if isinstance(style, dict) else Style()}
    return blocks, meta


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _cell_langs(cells, hashed) -> list[str]:
    from toolkit import arabic

    texts = [" ".join(_para(p, hashed)[1] for p in c.iter(f"{W}p")) for c in cells]
    scripts = ["ar" if arabic.is_arabic(t) else "en" if t.strip() else "" for t in texts]
    if scripts[0] == scripts[1] == "ar" or scripts[0] == scripts[1] == "en":
        return scripts
    if "ar" in scripts:
        return ["ar" if s == "ar" else "en" for s in scripts]
    return ["en", "ar"]
