"""Law templates: metadata, style, chapters (clause ids or globs), parameters, variants, standards, other laws."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.draft import Law, Style
from toolkit.errors import LawkitError
from toolkit.text import Text

TEMPLATE_FIELDS = {"name", "description", "law", "style", "standards", "parameters", "variants", "exclude",
                   "external", "chapter", "part"}


@dataclass(frozen=True)
class ChapterSpec:
    title: Text
    clauses: tuple[str, ...]  # ids or globs, in order
    part: int = 0


@dataclass(frozen=True)
class ExternalLaw:
    """Another law that carries some clauses: required there, not here; cited by its title."""

    title: Text
    clauses: tuple[str, ...]  # ids or globs


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    law: Law
    style: Style
    definitions: tuple[Text, Text]  # (article title, opening formula)
    chapters: tuple[ChapterSpec, ...]
    parts: tuple[tuple[int, Text], ...] = ()
    languages: tuple[str, ...] = ("ar", "en")
    standards: tuple[str, ...] = ()
    parameters: dict = field(default_factory=dict)
    variants: dict = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    external: tuple[ExternalLaw, ...] = ()


def find_template(name_or_path: str | None) -> Path:
    """A template by name (built in) or by path."""
    from toolkit.paths import templates_dir
    from toolkit.sources import is_draft_file

    name = name_or_path or "sy-pdp-cyber"
    path = Path(name)
    if is_draft_file(name):
        raise LawkitError(f"{path}: a draft, not a template (a .toml file or a built-in name); to write a draft "
                          f"in another format, use `lawkit import {path} -o draft.docx`")
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise LawkitError(f"{path}: no such template file")
        return path
    builtin = templates_dir() / f"{name}.toml"
    if not builtin.is_file():
        known = ", ".join(sorted(p.stem for p in templates_dir().glob("*.toml")))
        raise LawkitError(f"unknown template '{name}' (built in: {known}); or give a path to a .toml file")
    return builtin


def _bi(value, where: str, path: Path) -> Text:
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("en", "ar")):
        raise LawkitError(f"{path}: {where} must be {{ en = \"…\", ar = \"…\" }}")
    return Text(value["en"], value["ar"])


def _known(table: dict, known: set, where: str, path: Path) -> None:
    unknown = set(table) - known
    if unknown:
        raise LawkitError(f"{path}: {where} has unknown field(s) {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(known))})")


def load_template(name_or_path: str | None = None) -> Template:
    path = find_template(name_or_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LawkitError(f"{path}: TOML syntax error: {exc}") from None
    except UnicodeDecodeError:
        raise LawkitError(f"{path}: not a UTF-8 text file; a template is a .toml file") from None
    _known(data, TEMPLATE_FIELDS, "the template", path)
    law = data.get("law")
    if not isinstance(law, dict):
        raise LawkitError(f"{path}: missing [law] table (title, short_title, number, enactment, closing)")
    _known(law, {"title", "short_title", "number", "enactment", "closing", "jurisdiction", "version", "date"}, "[law]", path)
    _known(data.get("style", {}), {"languages", "article", "chapter", "digits", "definitions_title", "definitions_intro"},
           "[style]", path)
    try:
        meta = Law(*(_bi(law.get(k), f"law.{k}", path) for k in ("title", "short_title", "number", "enactment", "closing")),
                   jurisdiction=str(law.get("jurisdiction", "")), version=str(law.get("version", "0.1")),
                   date=str(law.get("date", "")))
    except TypeError:
        raise LawkitError(f"{path}: [law] needs title, short_title, number, enactment and closing") from None
    style = data.get("style", {})
    choices = {"article": ("numeral", "parens", "ordinal"), "chapter": ("numeral", "ordinal"),
               "digits": ("western", "arabic-indic")}
    for key, allowed in choices.items():
        if key in style and style[key] not in allowed:
            raise LawkitError(f"{path}: style.{key} must be one of {', '.join(allowed)}, not {style[key]!r}")
    languages = tuple(style.get("languages", ("ar", "en")))
    if not languages or set(languages) - {"ar", "en"}:
        raise LawkitError(f"{path}: style.languages lists 'ar' and/or 'en'")
    definitions = (_bi(style.get("definitions_title", {"en": "Definitions", "ar": "التعاريف"}), "style.definitions_title", path),
                   _bi(style.get("definitions_intro", {
                       "en": "For the purposes of this Law, the following words and expressions shall have the "
                             "meanings set out opposite each of them:",
                       "ar": "يُقصد بالكلمات والعبارات الآتية، في معرض تطبيق أحكام هذا القانون، المعاني المبيّنة "
                             "بجانب كلٍّ منها:"}), "style.definitions_intro", path))
    chapters: list[ChapterSpec] = []
    parts: list[tuple[int, Text]] = []

    def add_chapters(specs, part: int, where: str) -> None:
        for i, ch in enumerate(specs, 1):
            if not isinstance(ch, dict) or "title" not in ch or not isinstance(ch.get("clauses"), list):
                raise LawkitError(f"{path}: {where} chapter {i} needs a title and a clauses list")
            chapters.append(ChapterSpec(_bi(ch["title"], f"{where} chapter {i} title", path),
                                        tuple(str(c) for c in ch["clauses"]), part))

    if "part" in data and "chapter" in data:
        raise LawkitError(f"{path}: use [[part]] with [[part.chapter]] or top-level [[chapter]], not both")
    for n, part in enumerate(data.get("part", []), 1):
        parts.append((n, _bi(part.get("title"), f"part {n} title", path)))
        add_chapters(part.get("chapter", []), n, f"part {n}")
    add_chapters(data.get("chapter", []), 0, "")
    if not chapters:
        raise LawkitError(f"{path}: a template lists its chapters as [[chapter]] (or [[part]] / [[part.chapter]])")
    external = []
    for i, ext in enumerate(data.get("external", []), 1):
        if not isinstance(ext, dict) or not isinstance(ext.get("clauses"), list) or not ext["clauses"]:
            raise LawkitError(f"{path}: [[external]] {i} needs a title and a clauses list (ids or globs)")
        _known(ext, {"title", "clauses"}, f"[[external]] {i}", path)
        external.append(ExternalLaw(_bi(ext.get("title"), f"[[external]] {i} title", path),
                                    tuple(str(c) for c in ext["clauses"])))
    return Template(
        name=str(data.get("name", path.stem)), path=path, law=meta,
        style=Style(style.get("article", "numeral"), style.get("chapter", "ordinal"), style.get("digits", "western")),
        definitions=definitions, chapters=tuple(chapters), parts=tuple(parts), languages=languages,
        standards=tuple(data.get("standards", ())), parameters=dict(data.get("parameters", {})),
        variants=dict(data.get("variants", {})), exclude=tuple(data.get("exclude", ())),
        external=tuple(external),
    )
