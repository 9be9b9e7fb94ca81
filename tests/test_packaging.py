"""The wheel: one import root, data files inside, entry points for spaCy and the console."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (path,) = out.glob("asckg-*.whl")
    return zipfile.ZipFile(path)


def test_everything_lives_under_one_import_root(wheel):
    tops = {name.split("/")[0] for name in wheel.namelist()}
    dist_info = {t for t in tops if t.endswith(".dist-info")}
    assert tops - dist_info == {"asckg"}, "no top-level graph/nlp/cli/queries module may be installed"


@pytest.mark.parametrize("member", [
    "asckg/__main__.py",
    "asckg/core/errors.py",
    "asckg/core/data/ascref/topics.csv",
    "asckg/nlp/grammar/asc.py",
    "asckg/nlp/components.py",
    "asckg/graph/model/ontology.ttl",
    "asckg/graph/model/shapes.ttl",
    "asckg/graph/serve/assets/query.html",
    "asckg/graph/serve/templates/reference.html",
    "asckg/graph/serve/templates/macros.html",
    "asckg/graph/serve/static/site.css",
    "asckg/graph/serve/static/site.js",
    "asckg/graph/serve/static/map.js",
    "asckg/graph/serve/static/favicon.svg",
    "asckg/graph/serve/templates/map.html",
    "asckg/queries/site_letters_about.rq",
    "asckg/graph/model/namespace.py",
    "asckg/cli/app.py",
    "asckg/queries/cites.rq",
    "asckg/queries/cites_exact.rq",
    "asckg/queries/stats.rq",
    "asckg/nlp/patterns/forms.jsonl",
    "asckg/nlp/topics/trained/model.bin",
    "asckg/nlp/topics/trained/config.cfg",
    "asckg/nlp/topics/trained/meta.json",
    "asckg/nlp/topics/data/comments.jsonl",
])
def test_wheel_carries(wheel, member):
    assert member in wheel.namelist()


def test_entry_points(wheel):
    (name,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    text = wheel.read(name).decode()
    assert "asckg = asckg.cli.main:main" in text
    assert "[spacy_factories]" in text
    for factory in ("asckg_asc", "asckg_guidance", "asckg_sec_rules", "asckg_forms", "asckg_file_numbers", "asckg_dates"):
        assert f"{factory} = asckg.nlp.components:" in text


def test_every_query_file_in_the_repo_ships(wheel):
    shipped = {Path(n).name for n in wheel.namelist() if n.endswith(".rq")}
    assert shipped == {p.name for p in (REPO / "queries").glob("*.rq")}


def test_an_editable_install_imports_from_the_folders_themselves(tmp_path):
    # `pip install -e .` maps the import root asckg/ onto the repository, so every folder's
    # modules load from where a contributor edits them, with no reinstall.
    import sysconfig

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The new environment borrows this one's packages (setuptools to build with; no network), as a
    # plain path: the .pth files there, this environment's own install of asckg among them, stay off.
    (site,) = venv.glob("lib/python*/site-packages")
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--editable", str(REPO)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    code = ("import asckg, asckg.nlp, asckg.graph.store, asckg.queries\n"
            "print(asckg.__file__); print(asckg.nlp.__file__); print(asckg.queries.__file__)")
    shown = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    root, nlp, queries = shown.stdout.split()
    assert Path(root) == REPO / "asckg" / "__init__.py"
    assert Path(nlp).resolve() == REPO / "nlp" / "__init__.py"
    assert Path(queries).resolve() == REPO / "queries" / "__init__.py"
