import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini(tmp_path):
    """A writable copy of the small valid test corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", dest)
    return dest


@pytest.fixture
def run():
    """Run the lawkit CLI in-process; returns the click Result."""

    def _run(*args):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return _run
