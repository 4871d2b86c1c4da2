"""Where the built-in corpus and templates are: beside the package in a checkout, inside it when installed."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_HERE.parent / name, _HERE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawkit's built-in {name}/ folder is missing: reinstall lawkit")


def corpus_dir() -> Path:
    return _find("corpus")


def templates_dir() -> Path:
    return _find("templates")
