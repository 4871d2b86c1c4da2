"""The one error type a user can cause, and the problem records `corpus check` collects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class LawkitError(Exception):
    """A user-caused error: printed as one line, never as a traceback."""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ProblemList(list):
    """Collects problems against files, with paths shown relative to a base directory."""

    def __init__(self, base: Path):
        super().__init__()
        self.base = base

    def add(self, path: Path, line: int, message: str) -> None:
        try:
            shown = str(path.resolve().relative_to(self.base.resolve().parent))
        except ValueError:
            shown = str(path)
        self.append(Problem(shown, max(line, 1), message))
