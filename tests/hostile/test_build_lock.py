"""Two builds of one site at once (issue 12, class 16): the second waits for the first, or stops
with a located French message (R140) when its wait times out; nothing is ever half-written.
Real ``mkdocs build`` processes on a real site; the lock is the plugin's (``site/lock.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from recettes.site.lock import OutputLock

from ..conftest import ROOT, RunLine, require_marker
from ..site.conftest import copy_fixture, mkdocs
from .site import assert_site_safe

PUBLISHED = ["compost-partage", "compost-rural", "repair-cafe"]


def with_timeout(root: Path, seconds: float) -> None:
    """Set the plugin's ``lock_timeout`` in ``root/mkdocs.yml``."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - recettes:\n", f"  - recettes:\n      lock_timeout: {seconds}\n", 1),
                      encoding="utf-8")


def start_build(root: Path, *args: str) -> subprocess.Popen[str]:
    """``mkdocs build`` started in the background, as ``mkdocs()`` runs it."""
    require_marker("build", "runs mkdocs build")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "tools")}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def site_files(site: Path) -> set[str]:
    """Every file of a built site, but the search index's fragments (named by content hashes
    that differ from one build to the next)."""
    return {name for p in site.rglob("*") if p.is_file()
            if not (name := p.relative_to(site).as_posix()).startswith("pagefind/")
            or (name.count("/") == 1 and "_" not in name)}


@pytest.mark.build
class TestConcurrentBuilds:
    def test_two_builds_at_once_both_finish_with_a_whole_site(self, tmp_path: Path) -> None:
        """Two ``mkdocs build --strict`` started together: both exit 0, one says it waits for
        the other, and the site holds every page, the feed, the data and the search index,
        with no staging folder or lock left behind."""
        root = copy_fixture(tmp_path / "repo")
        first, second = start_build(root, "--strict"), start_build(root, "--strict")
        outputs = [process.communicate(timeout=600) for process in (first, second)]
        assert [0, 0] == [first.returncode, second.returncode], outputs
        logs = "\n".join(err for _, err in outputs)
        assert "une autre construction de ce guide est en cours (build/handbook.lock)\u00a0: celle-ci l’attend" \
            in logs
        site = root / "site"
        files = site_files(site)
        for slug in PUBLISHED:
            assert f"recettes/{slug}/index.html" in files
        for name in ("index.html", "404.html", "flux.atom", "donnees/recettes.json", "sitemap.xml",
                     "ambassadeurs/marie-le-gall/index.html", "pagefind/pagefind.js"):
            assert name in files
        assert not (root / "site.recettes-tmp").exists()
        assert_site_safe(site)
        # A third build, alone, writes exactly the same files.
        again = mkdocs(root, "--strict")
        assert 0 == again.returncode, again.stderr
        assert files == site_files(site)

    def test_a_held_lock_stops_the_build_with_a_located_message(self, tmp_path: Path) -> None:
        """While another build holds the lock longer than ``lock_timeout``: exit 1, R140 at the
        lock file, in French, and the previous site is left exactly as it was."""
        root = copy_fixture(tmp_path / "repo")
        with_timeout(root, 1)
        (root / "site").mkdir()
        (root / "site/index.html").write_text("<p>site précédent</p>", encoding="utf-8")
        lock = OutputLock((root / "build/handbook").resolve(), root)
        lock.acquire(0)
        try:
            result = mkdocs(root, "--strict")
        finally:
            lock.release()
        assert 1 == result.returncode
        assert ("build/handbook.lock:1:1: R140 une autre construction de ce guide tient le verrou depuis "
                "1 seconde\u00a0: celle-ci s’arrête sans rien écrire") in result.stderr, result.stderr
        assert "lock_timeout" in result.stderr and "Traceback" not in result.stderr
        assert {"index.html"} == site_files(root / "site")
        assert not (root / "site.recettes-tmp").exists()

    def test_the_lock_is_released_after_a_refused_build(self, tmp_path: Path) -> None:
        """A build refused by --strict (an invalid recipe) releases the lock: the next one
        takes it at once."""
        root = copy_fixture(tmp_path / "repo")
        recipe = root / "recipes/compost-rural/recipe.yml"
        recipe.write_text(recipe.read_text(encoding="utf-8").replace("status: published", "status: publiee"),
                          encoding="utf-8")
        with_timeout(root, 0)
        result = mkdocs(root, "--strict")
        assert 1 == result.returncode and "R012" in result.stderr
        lock = OutputLock((root / "build/handbook").resolve(), root)
        lock.acquire(0)  # raises OutputLocked if the build had kept it
        lock.release()


class TestGenerateLock:
    def test_generate_waits_for_nobody_with_timeout_zero(self, tmp_path: Path, run_line: RunLine) -> None:
        """``recettes generate`` while a build holds the lock (``lock_timeout: 0``): exit 1 with
        R140, and the generated tree is not written."""
        root = copy_fixture(tmp_path / "repo")
        with_timeout(root, 0)
        lock = OutputLock((root / "build/handbook").resolve(), root)
        lock.acquire(0)
        try:
            result = run_line("generate", "--root", str(root), code=1)
        finally:
            lock.release()
        assert ("build/handbook.lock:1:1: R140 une autre construction de ce guide tient le verrou en ce "
                "moment") in result.stderr
        assert not (root / "build/handbook/docs").exists()
        run_line("generate", "--root", str(root))  # free again
        assert (root / "build/handbook/docs/index.md").is_file()


class TestCiConcurrency:
    def test_every_github_workflow_has_a_concurrency_group(self) -> None:
        """Each of the repository's workflows (and the territory template) names a concurrency
        group, so two runs on one branch never publish at once."""
        workflows = sorted((ROOT / ".github/workflows").glob("*.y*ml"))
        workflows.append(ROOT / "tools/recettes/scaffold/templates/ci/github.yml")
        assert len(workflows) >= 2
        for path in workflows:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert "${{" in data["concurrency"]["group"], path

    def test_gitlab_pages_job_is_a_resource_group(self) -> None:
        """GitLab: the publishing job runs one at a time (``resource_group``), and the
        repository's own .gitlab-ci.yml, if any, too."""
        paths = [ROOT / "tools/recettes/scaffold/templates/ci/gitlab-ci.yml", *ROOT.glob(".gitlab-ci.y*ml")]
        for path in paths:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            publishing = [job for name, job in data.items() if isinstance(job, dict) and name == "pages"]
            assert publishing and all(job.get("resource_group") for job in publishing), path

    def test_main_is_never_cancelled_mid_publication(self) -> None:
        """On main, a newer run waits instead of cancelling a deployment in progress."""
        for path in (ROOT / ".github/workflows/ci.yml", ROOT / "tools/recettes/scaffold/templates/ci/github.yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert "${{ github.ref != 'refs/heads/main' }}" == data["concurrency"]["cancel-in-progress"], path
