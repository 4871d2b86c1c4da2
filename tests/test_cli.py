"""The command line: fast help (heavy modules load lazily), python -m toolkit, clear errors."""

import subprocess
import sys


def test_help_does_not_import_heavy_modules():
    code = ("import sys, toolkit.cli; heavy = [m for m in ('docx', 'networkx', 'lxml', 'markdown_it') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_python_dash_m_toolkit():
    out = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("build", "gaps", "diff", "import", "graph", "corpus", "standards"):
        assert command in out


def test_missing_input_file_is_one_clear_line(run, tmp_path):
    result = run("gaps", tmp_path / "nothing.docx")
    assert result.exit_code == 2 and "no such file" in result.output and "Traceback" not in result.output
    result = run("diff", tmp_path / "a.json", tmp_path / "b.json")
    assert result.exit_code == 2 and "no such file" in result.output


def test_output_never_overwrites_an_input(run, tmp_path):
    from toolkit.sources import build_draft

    draft, _ = build_draft("pdp")
    src = tmp_path / "d.json"
    src.write_text(draft.to_json(), encoding="utf-8")
    before = src.read_bytes()
    result = run("gaps", src, "-o", src, "--format", "json")
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.output
    assert src.read_bytes() == before


def test_installed_package_has_every_subpackage():
    import configparser
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    cfg = configparser.ConfigParser()
    cfg.read(root / "setup.cfg")
    listed = set(cfg["options"]["packages"].split())
    on_disk = {".".join(p.parent.relative_to(root).parts) for p in (root / "toolkit").rglob("__init__.py")}
    assert on_disk <= listed, on_disk - listed


def test_outputs_are_ordinary_files(run, tmp_path):
    import os
    import stat

    out = tmp_path / "d.json"
    assert run("build", "pdp", "-o", out).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
