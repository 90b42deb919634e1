"""Incremental builds (``site/incremental.py``): what is kept, and never a stale page.

The proof of « never stale »: after each kind of change, a ``--dirty`` build over the previous
site gives, file for file, the same site as a clean build of the same repository.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recettes.site.incremental import (
    MANIFEST,
    Manifest,
    build_key,
    file_key,
    link_copy,
    page_key,
    remove_stale,
    unshare,
)

from .conftest import copy_fixture, mkdocs

RECIPE = "compost-partage"


class TestKeys:
    def test_build_key_follows_configuration_and_theme_files(self, tmp_path: Path) -> None:
        theme = tmp_path / "overrides"
        theme.mkdir()
        (theme / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
        first = build_key({"nav": ["a.md"]}, [theme])
        assert first == build_key({"nav": ["a.md"]}, [theme])
        assert first != build_key({"nav": ["a.md", "b.md"]}, [theme])
        (theme / "main.html").write_text("{% extends 'base.html' %}{# changé #}", encoding="utf-8")
        assert first != build_key({"nav": ["a.md"]}, [theme])

    def test_page_key_follows_source_and_additions(self, tmp_path: Path) -> None:
        source = tmp_path / "index.md"
        source.write_text("# Titre\n", encoding="utf-8")
        key = page_key("b", source, "json-ld")
        assert key == page_key("b", source, "json-ld")
        assert key != page_key("b", source, "autre json-ld")
        assert key != page_key("autre construction", source, "json-ld")
        source.write_text("# Titre changé\n", encoding="utf-8")
        assert key != page_key("b", source, "json-ld")

    def test_file_key_follows_size_and_date(self, tmp_path: Path) -> None:
        source = tmp_path / "photo.jpg"
        source.write_bytes(b"1234")
        key = file_key("b", source)
        source.write_bytes(b"12345")
        assert key != file_key("b", source)


class TestManifest:
    def test_round_trip_per_site(self, tmp_path: Path) -> None:
        site = tmp_path / "site"
        site.mkdir()
        manifest = Manifest.load(tmp_path / MANIFEST)
        manifest.record("index.html", "k1")
        manifest.save(site)
        again = Manifest.load(tmp_path / MANIFEST)
        assert again.reusable(site, "index.html", "k1")
        assert not again.reusable(site, "index.html", "k2")
        assert not again.reusable(tmp_path / "autre", "index.html", "k1")

    @pytest.mark.parametrize("content", ["", "{", "[]", '{"format": 0, "sites": {}}', '{"format": 1, "sites": 3}'])
    def test_unreadable_manifest_is_empty(self, tmp_path: Path, content: str) -> None:
        (tmp_path / MANIFEST).write_text(content, encoding="utf-8")
        assert {} == Manifest.load(tmp_path / MANIFEST).previous


class TestFolders:
    def test_link_copy_then_unshare_leaves_the_previous_site_alone(self, tmp_path: Path) -> None:
        old = tmp_path / "site"
        (old / "a").mkdir(parents=True)
        (old / "a" / "index.html").write_text("ancienne", encoding="utf-8")
        new = tmp_path / "staging"
        link_copy(old, new)
        assert (new / "a" / "index.html").stat().st_ino == (old / "a" / "index.html").stat().st_ino
        unshare(new / "a" / "index.html")
        (new / "a" / "index.html").write_text("nouvelle", encoding="utf-8")
        assert "ancienne" == (old / "a" / "index.html").read_text(encoding="utf-8")

    def test_remove_stale_keeps_outputs_recent_files_and_folders(self, tmp_path: Path) -> None:
        site = tmp_path / "site"
        for name in ("garde.html", "vieux/index.html", "vieux/v1/index.html", "pagefind/index.pf", "sitemap.xml",
                     ".pagefind.old/a.pf", "reste/garde.html", "reste/vieux/index.html"):
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text("x", encoding="utf-8")
        since = (site / "sitemap.xml").stat().st_mtime
        for name in ("garde.html", "vieux/index.html", "vieux/v1/index.html", "pagefind/index.pf",
                     ".pagefind.old/a.pf", "reste/garde.html", "reste/vieux/index.html"):
            import os

            os.utime(site / name, (since - 10, since - 10))
        assert 3 == remove_stale(site, {"garde.html", "reste/garde.html"}, since, ("pagefind/",))
        assert not (site / "vieux").exists() and not (site / "reste" / "vieux").exists()  # emptied, from the deepest
        assert {"garde.html", "pagefind/index.pf", "sitemap.xml", ".pagefind.old/a.pf", "reste/garde.html"} == {
            p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a site but the search index, whose chunk names vary from run to run (it is
    made anew by every build, from the pages compared here)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def built(root: Path, *args: str) -> str:
    result = mkdocs(root, "--strict", *args)
    assert 0 == result.returncode, result.stderr
    return result.stderr


def clean_twin(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The site a clean build of ``root`` as it is now gives (in a copy, same paths inside)."""
    twin = tmp_path / "jumeau" / root.name
    shutil.rmtree(twin.parent, ignore_errors=True)
    shutil.copytree(root, twin, ignore=shutil.ignore_patterns("site", "build", "site.*"), symlinks=True)
    built(twin)
    return tree(twin / "site")


@pytest.mark.build
class TestDirtyBuilds:
    def test_each_change_gives_the_clean_build(self, tmp_path: Path) -> None:
        root = copy_fixture(tmp_path / "repo")
        built(root)
        first = tree(root / "site")
        old_versions = {p for p in first if "/v1." in p and p.endswith("index.html")}

        log = built(root, "--dirty")  # nothing changed: nothing rendered, nothing different
        assert "construction incrémentale : 0 page à rendre" in log
        assert "dirty" not in log.replace("--dirty", "")  # MkDocs' warning is not shown
        assert first == tree(root / "site")

        how_to = root / "recipes" / RECIPE / "how-to.md"  # the fixture keeps the five-file layout
        how_to.write_text("Une phrase nouvelle, ajoutée pour le test.\n\n" + how_to.read_text(encoding="utf-8"),
                          encoding="utf-8")
        log = built(root, "--dirty")
        rendered = int(log.split("construction incrémentale : ")[1].split(" page")[0])
        assert 1 <= rendered <= 3, log
        after = tree(root / "site")
        assert "Une phrase nouvelle" in after[f"recettes/{RECIPE}/index.html"].decode()
        assert {p: first[p] for p in old_versions} == {p: after[p] for p in old_versions}
        assert clean_twin(root, tmp_path) == after

        (root / "docs" / "nouvelle-page.md").write_text("# Une page de plus\n\nDans le menu.\n", encoding="utf-8")
        log = built(root, "--dirty")  # the navigation changed: every page again
        assert " 0 reprise" in log, log
        assert clean_twin(root, tmp_path) == tree(root / "site")

        shutil.rmtree(root / "recipes" / "repair-cafe")  # a recipe no other one adapts
        built(root, "--dirty")
        assert not (root / "site" / "recettes" / "repair-cafe").exists()
        assert clean_twin(root, tmp_path) == tree(root / "site")

    def test_a_refused_build_keeps_site_and_manifest(self, tmp_path: Path) -> None:
        root = copy_fixture(tmp_path / "repo")
        built(root)
        before, manifest = tree(root / "site"), (root / "build/handbook" / MANIFEST).read_bytes()
        recipe = root / "recipes" / RECIPE / "recipe.yml"
        recipe.write_text(recipe.read_text(encoding="utf-8").replace("version: ", "version: pas-une-", 1),
                          encoding="utf-8")
        assert 0 != mkdocs(root, "--strict", "--dirty").returncode
        assert before == tree(root / "site")
        assert manifest == (root / "build/handbook" / MANIFEST).read_bytes()
        assert json.loads(manifest)["sites"]


@pytest.mark.build
class TestWarmCaches:
    """The in-process caches (parsed recipes, history, pages, records) never serve a stale
    result: after each change, the tree generated by this process, caches warm, is the tree a
    fresh process (``recettes generate``) writes."""

    def test_each_change_gives_what_a_fresh_process_gives(self, tmp_path: Path) -> None:
        import subprocess
        import sys

        from recettes.site.pipeline import build_handbook

        from ..conftest import GitRepo
        from .conftest import REPO

        root = copy_fixture(tmp_path / "repo")
        ambassador = next((root / "ambassadors").glob("*.yml"))
        how_to = root / "recipes" / RECIPE / "how-to.md"
        recipe = root / "recipes" / RECIPE / "recipe.yml"
        themes = root / "schema" / "vocabularies" / "themes.yml"
        changes = [
            ("texte", lambda: how_to.write_text(how_to.read_text(encoding="utf-8") + "\nUne phrase.\n",
                                                encoding="utf-8")),
            ("titre", lambda: recipe.write_text(recipe.read_text(encoding="utf-8").replace(
                "title: Compost partagé", "title: Compost partagé et renouvelé"), encoding="utf-8")),
            ("commit", lambda: GitRepo(root).commit("Une modification", date="2026-11-23T10:00:00+01:00")),
            ("fiche", lambda: ambassador.write_text(ambassador.read_text(encoding="utf-8").replace(
                "name: ", "name: Renommée ", 1), encoding="utf-8")),
            ("vocabulaire", lambda: themes.write_text(themes.read_text(encoding="utf-8").replace(
                "label: ", "label: Nouveau ", 1), encoding="utf-8")),
            ("suppression", lambda: shutil.rmtree(root / "recipes" / "repair-cafe")),
        ]
        from recettes.site.config import read_mkdocs_config

        config = read_mkdocs_config(root)

        def warm() -> None:  # as ``recettes generate`` does, in this process
            build_handbook(root, tmp_path / "chaud", config.options(), config.docs_dir, config.maintenance)

        warm()
        env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools"), "PATH": "/usr/bin:/bin"}
        for name, change in changes:
            change()
            warm()
            fresh = subprocess.run([sys.executable, "-c", "from recettes.cli.main import main; main()",
                                    "generate", "--root", str(root),
                                    "--out", str(tmp_path / "froid")], capture_output=True, text=True, env=env)
            assert fresh.returncode in (0, 1), fresh.stderr
            assert tree(tmp_path / "froid" / "docs") == tree(tmp_path / "chaud" / "docs"), name
