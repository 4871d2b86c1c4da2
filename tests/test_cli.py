"""The command line: fast help (heavy modules load lazily), python -m toolkit, clear errors."""

import json
import subprocess
import sys
import zipfile


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
    for args in (("gaps", src, "-o", src, "--format", "json"), ("graph", src, "-o", src), ("import", src, "-o", src)):
        result = run(*args)
        assert result.exit_code == 2 and "refusing to overwrite an input file" in result.output, args
        assert src.read_bytes() == before


def test_import_writes_the_format_its_output_names(run, tmp_path):
    src = tmp_path / "received.txt"
    src.write_text("Chapter 1: General\nArticle 1: Scope\nThis law applies to data.\n", encoding="utf-8")
    assert run("import", src, "-o", tmp_path / "d.json").exit_code == 0
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["schema"] == "lawkit-draft"
    assert run("import", src, "-o", tmp_path / "d.xml").exit_code == 0
    assert (tmp_path / "d.xml").read_bytes().startswith(b"<?xml") and b"<akomaNtoso" in (tmp_path / "d.xml").read_bytes()
    assert run("import", src, "-o", tmp_path / "d.docx").exit_code == 0
    assert zipfile.is_zipfile(tmp_path / "d.docx")
    assert run("import", src, "-o", tmp_path / "d.md").exit_code == 0
    assert "#### Article 1: Scope" in (tmp_path / "d.md").read_text(encoding="utf-8")
    result = run("import", src, "-o", tmp_path / "d.pdf")
    assert result.exit_code == 2 and "cannot tell the format" in result.output and not (tmp_path / "d.pdf").exists()


def test_build_says_a_draft_is_not_a_template_and_graph_reads_drafts(run, tmp_path):
    from toolkit.sources import build_draft

    draft, _ = build_draft("cybersecurity")
    src = tmp_path / "cyber.json"
    src.write_text(draft.to_json(), encoding="utf-8")
    result = run("build", src, "-o", tmp_path / "x.docx")
    assert result.exit_code == 2 and "a draft, not a template" in result.output and "lawkit import" in result.output
    assert not (tmp_path / "x.docx").exists()
    result = run("graph", src, "--format", "json")
    assert result.exit_code == 0
    nodes = {n["id"]: n for n in json.loads(result.stdout)["nodes"]}
    assert nodes["clause:dp.transfers.general"]["type"] == "external"
    assert nodes["clause:dp.transfers.general"]["law"] == "the Personal Data Protection Law"


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
