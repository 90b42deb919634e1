"""History in the handbook: version line, Historique, Crédits, versioned pages, redirects, and
builds without full history. Fixture repositories are real git repositories (``GitRepo``)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
import yaml

from recettes.catalog.snapshots import build_catalog
from recettes.core.addresses import SiteUrls
from recettes.publish import jsonld
from recettes.read.checks import validate_repository
from recettes.site.config import read_mkdocs_config
from recettes.site.generate import generate
from recettes.site.page import Options, Page
from recettes.site.pages import build_pages
from recettes.site.text import inline

from ..conftest import GitRepo, _isolated_env
from .conftest import FIXTURE, REPO, mkdocs

FRANCOISE = ("Françoise Le Hénaff", "francoise@example.org")
OLD_FRANCOISE = ("F. Le Henaff", "fl@old.example")
MARIE_ELSEWHERE = ("marie le gall", "marie@autre.example")
ADA = ("Ada Lovelace", "ada@example.org")
OPTIONS = Options(site_url="https://guide.example/")
PARTAGE = "recipes/compost-partage"


def history_repo(path: Path) -> GitRepo:
    """The site fixture with a history: compost-partage 1.0.0 then 1.2.0, a co-authored change
    to repair-cafe, then repair-cafe renamed to cafe-reparation."""
    repo = GitRepo(path)
    shutil.copytree(FIXTURE, path, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", path / "mkdocs.yml")
    current_yml = (path / PARTAGE / "recipe.yml").read_text()
    current_how = (path / PARTAGE / "how-to.md").read_text()
    repo.write(f"{PARTAGE}/recipe.yml", current_yml.replace("version: 1.2.0", "version: 1.0.0"))
    repo.write(f"{PARTAGE}/how-to.md", current_how.replace(
        "Affichez un mot dans le hall", "Ancienne méthode : frappez à chaque porte"))
    repo.commit("Première version <script>du</script> compost", author=OLD_FRANCOISE,
                date="2025-03-12T10:00:00+01:00")
    repo.write(".mailmap", "Françoise Le Hénaff <francoise@example.org> <fl@old.example>\n")
    repo.write("git-identities.yml", "marie-le-gall:\n  - Marie@Autre.example\n")  # reviewed link
    repo.write(f"{PARTAGE}/recipe.yml", current_yml)
    repo.write(f"{PARTAGE}/how-to.md", current_how)
    repo.commit("Étapes *détaillées* et bacs", author=FRANCOISE, coauthors=[ADA],
                date="2026-11-22T18:00:00+01:00")
    repo.write("recipes/repair-cafe/obstacles.md",
               (path / "recipes/repair-cafe/obstacles.md").read_text() + "\nUn ajout.\n")
    repo.commit("Précisions sur les freins", author=ADA, coauthors=[MARIE_ELSEWHERE],
                date="2026-11-23T09:00:00+01:00")
    repo.mv("recipes/repair-cafe", "recipes/cafe-reparation")
    repo.commit("Renomme le repair café", author=ADA, date="2026-11-24T09:00:00+01:00")
    return repo


@pytest.fixture(scope="module")
def git_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return history_repo(tmp_path_factory.mktemp("histoire") / "repo").path


@pytest.fixture(scope="module")
def pages(git_site: Path) -> dict[str, Page]:
    repo, report = validate_repository(git_site)
    assert report.ok, report.sorted()
    catalog, notes = build_catalog(git_site, repo)
    assert [] == notes
    return {page.src_uri: page for page in build_pages(catalog, OPTIONS)}


class TestRecipePage:
    def test_version_line_under_the_title(self, pages: dict[str, Page]) -> None:
        """« Version X.Y.Z — mise à jour le … », the date of the last commit, in French."""
        text = pages["recettes/compost-partage/index.md"].markdown
        assert "*Version 1.2.0 — mise à jour le 22 novembre 2026*" in text.splitlines()[2]

    def test_historique_lists_both_versions_newest_first(self, pages: dict[str, Page]) -> None:
        """Each version with its date, link, escaped summaries and contributors."""
        text = pages["recettes/compost-partage/index.md"].markdown
        history = text[text.index("## Historique"):text.index("## Réutiliser")]
        assert history.index("Version 1.2.0") < history.index("Version 1.0.0")
        assert "**Version 1.2.0 (actuelle)** — 22 novembre 2026" in history
        assert "**[Version 1.0.0](v1.0.0/index.md)** — 12 mars 2025" in history
        assert "    - Étapes \\*détaillées\\* et bacs" in history
        assert "&lt;script&gt;du&lt;/script&gt;" in history and "<script>" not in history

    def test_credits_keep_declared_holders_and_git_contributors_apart(
        self, pages: dict[str, Page]
    ) -> None:
        """Declared holders by role; git people once each (mailmap), co-authors too, no e-mail."""
        text = pages["recettes/compost-partage/index.md"].markdown
        credits = text[text.index("## Crédits"):text.index("## Historique")]
        declared, git = credits.split("### Contributions (historique git)")
        assert "[Marie Le Gall](../../ambassadors/marie-le-gall.md) — Porteur·euse" not in declared
        assert "[Marie Le Gall](../../ambassadeurs/marie-le-gall.md) — Porteur·euse" in declared
        assert ["Françoise Le Hénaff", "Ada Lovelace"] == [
            line[2:] for line in git.splitlines() if line.startswith("- ")]
        assert "@" not in credits

    def test_git_contributor_links_to_the_ambassador_page(self, pages: dict[str, Page]) -> None:
        """A co-author whose e-mail git-identities.yml lists for an ambassador (case aside) links
        to that ambassador."""
        text = pages["recettes/cafe-reparation/index.md"].markdown
        git = text[text.index("### Contributions (historique git)"):text.index("## Historique")]
        assert "- [Marie Le Gall](../../ambassadeurs/marie-le-gall.md)" in git

    def test_attribution_cites_the_version_and_its_stable_address(
        self, pages: dict[str, Page]
    ) -> None:
        """The mention to copy names the version and its versioned URL, then the latest."""
        text = pages["recettes/compost-partage/index.md"].markdown
        assert ("version 1.2.0, Recettes libres, https://guide.example/recettes/compost-partage/v1.2.0/"
                " (dernière version\u00a0: https://guide.example/recettes/compost-partage/), licence CC BY-SA 4.0"
                ) in text


class TestVersionedPages:
    def test_older_version_rendered_from_git_with_a_banner(self, pages: dict[str, Page]) -> None:
        """v1.0.0 shows the old text, a banner linking to the current page, no Historique."""
        page = pages["recettes/compost-partage/v1.0.0/index.md"]
        assert "Ancienne méthode : frappez à chaque porte" in page.markdown
        assert "Affichez un mot dans le hall" not in page.markdown
        assert ("Vous lisez la version 1.0.0 de cette recette (12 mars 2025). Version actuelle"
                "\u00a0: [1.2.0](../index.md)") in page.markdown
        assert "## Historique" not in page.markdown
        assert "version 1.0.0, Recettes libres, https://guide.example/recettes/compost-partage/v1.0.0/" \
            in page.markdown

    def test_older_version_credits_only_its_own_contributors(self, pages: dict[str, Page]) -> None:
        """Who had contributed by then: Françoise (mailmap), not Ada who came later."""
        text = pages["recettes/compost-partage/v1.0.0/index.md"].markdown
        assert "- Françoise Le Hénaff" in text and "Ada Lovelace" not in text

    def test_versioned_pages_stay_out_of_search_and_tags(self, pages: dict[str, Page]) -> None:
        """No duplicate search hit, no tag listing; the old media come from git."""
        page = pages["recettes/compost-partage/v1.0.0/index.md"]
        front = yaml.safe_load(page.text().split("---")[1])
        assert {"exclude": True} == front["search"] and "tags" not in front
        assert "edit_url" not in front
        assert {"media/composteur.png"} == set(page.blobs)

    def test_the_current_version_has_its_versioned_address(self, git_site: Path, tmp_path: Path,
                                                           pages: dict[str, Page]) -> None:
        """v1.2.0 answers now (a redirect to the recipe page), so that a citation of it stays
        valid; after the next version it becomes a page of its own, rendered from git."""
        assert "recettes/compost-partage/v1.2.0/index.md" not in pages
        repo, _ = validate_repository(git_site)
        catalog, _ = build_catalog(git_site, repo)
        generate(catalog, git_site, tmp_path / "out", OPTIONS)
        page = (tmp_path / "out/docs/recettes/compost-partage/v1.2.0/index.html").read_text()
        assert '<meta http-equiv="refresh" content="0; url=../">' in page
        assert "Version actuelle de cette recette" in page


class TestAmbassadorAndJsonLd:
    def test_ambassador_lists_git_contributions_not_declared(self, pages: dict[str, Page]) -> None:
        """Marie co-authored a change to the repair café without being declared on it."""
        text = pages["ambassadeurs/marie-le-gall.md"].markdown
        contributions = text[text.index("## Contributions"):]
        assert "[Repair café de quartier](../recettes/cafe-reparation/index.md)" in contributions \
            or "../recettes/cafe-reparation/index.md" in contributions
        assert "compost-partage" not in contributions

    def test_json_ld_dates_from_history(self, git_site: Path) -> None:
        """dateCreated and dateModified are the first and last commits; version is declared."""
        repo, _ = validate_repository(git_site)
        catalog, _ = build_catalog(git_site, repo)
        data = jsonld.how_to(catalog, "compost-partage", SiteUrls("https://guide.example/"))
        assert ("2025-03-12", "2026-11-22", "1.2.0") == (
            data["dateCreated"], data["dateModified"], data["version"])


class TestRename:
    def test_old_address_redirects_to_the_new_one(self, git_site: Path, tmp_path: Path) -> None:
        """recettes/repair-cafe/ (and its versioned address) redirect to cafe-reparation."""
        repo, _ = validate_repository(git_site)
        catalog, _ = build_catalog(git_site, repo)
        generate(catalog, git_site, tmp_path / "out", OPTIONS)
        page = (tmp_path / "out/docs/recettes/repair-cafe/index.html").read_text()
        assert '<meta http-equiv="refresh" content="0; url=../cafe-reparation/">' in page
        assert '<link rel="canonical" href="https://guide.example/recettes/cafe-reparation/">' in page
        assert "Cette recette a changé d’adresse" in page
        versioned = (tmp_path / "out/docs/recettes/repair-cafe/v2.0.0/index.html").read_text()
        assert 'url=../../cafe-reparation/"' in versioned  # v2.0.0 is the current version


class TestWithoutFullHistory:
    def test_a_plain_folder_uses_the_metadata(self, tmp_path: Path, git_env: None) -> None:
        """Not a repository: a warning that says what to do, and no date from git."""
        root = shutil.copytree(FIXTURE, tmp_path / "repo")
        repo, _ = validate_repository(root)
        catalog, notes = build_catalog(root, repo)
        [(level, message)] = notes
        assert logging.WARNING == level and "git clone" in message
        text = {p.src_uri: p for p in build_pages(catalog, OPTIONS)}["recettes/compost-partage/index.md"]
        assert "*Version 1.2.0*" in text.markdown and "## Historique" not in text.markdown
        assert "## Crédits" in text.markdown and "(historique git)" not in text.markdown


@pytest.mark.build
class TestBuilds:
    def test_strict_build_with_history(self, git_site: Path) -> None:
        """The whole site builds strictly, with the versioned page and the redirect."""
        result = mkdocs(git_site, "--strict")
        assert 0 == result.returncode, result.stderr
        site = git_site / "site"
        html = (site / "recettes/compost-partage/v1.0.0/index.html").read_text()
        assert "Vous lisez la version 1.0.0 de cette recette" in html
        assert 'href="../"' in html
        redirect = (site / "recettes/repair-cafe/index.html").read_text()
        assert 'http-equiv="refresh"' in redirect
        nav = (site / "a-propos/index.html").read_text()
        assert "v1.0.0" not in nav

    def test_shallow_clone_builds_with_a_warning_naming_the_fix(
        self, git_site: Path, tmp_path: Path
    ) -> None:
        """Not strict: it builds, and the warning says to fetch the full history."""
        source = GitRepo(git_site, init=False)
        clone = source.clone(tmp_path / "shallow", "--depth", "1")
        result = mkdocs(clone.path)
        assert 0 == result.returncode, result.stderr
        assert "WARNING" in result.stderr and "git fetch --unshallow" in result.stderr
        assert "fetch-depth: 0" in result.stderr

    def test_an_uncommitted_recipe_builds_strictly(self, tmp_path: Path) -> None:
        """A recipe not yet committed is information only: --strict passes."""
        repo = history_repo(tmp_path / "repo")
        shutil.copytree(repo.path / PARTAGE, repo.path / "recipes/compost-neuf")
        result = mkdocs(repo.path, "--strict")
        assert 0 == result.returncode, result.stderr
        assert "recipes/compost-neuf" in result.stderr and "Commitez-la" in result.stderr


def _is_full_clone(root: Path) -> bool:
    git = root / ".git"
    if not git.exists():
        return False
    import subprocess

    out = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root,
                         capture_output=True, text=True, env=_isolated_env(root), check=False)
    return out.returncode == 0 and out.stdout.strip() == "false"


@pytest.mark.skipif(not _is_full_clone(REPO),
                    reason="le dépôt n’est pas un clone git complet (copie ou clone superficiel)")
class TestStarterCorpus:
    def test_every_recipe_page_shows_its_own_history(self) -> None:
        """The starter corpus's pages show « Version … — mise à jour le » and an Historique."""
        repo, _ = validate_repository(REPO)
        catalog, _ = build_catalog(REPO, repo, read_mkdocs_config(REPO).maintenance)
        pages = {p.src_uri: p for p in build_pages(catalog, OPTIONS)}
        assert catalog.recipes
        for slug in catalog.recipes:
            text = pages[f"recettes/{slug}/index.md"].markdown
            assert "— mise à jour le " in text.splitlines()[2], slug
            history = text[text.index("## Historique {#historique .recettes-hors-recherche}"):]
            assert "\n- **" in history and "    - " in history, slug
        # Commits of the maintainers' identity credit nobody; readers get the French changelog.
        for slug in catalog.recipes:
            text = pages[f"recettes/{slug}/index.md"].markdown
            assert "maintainers" not in text, slug
            history = text[text.index("## Historique {#historique .recettes-hors-recherche}"):text.index("## Réutiliser")]
            summaries = [line.strip()[2:] for line in history.splitlines() if line.startswith("    - ")]
            declared = [entry.summary for entry in catalog.meta(slug).changelog]
            assert summaries and set(summaries) <= {inline(s) for s in declared}, slug
        version = catalog.meta("disco-soupe").version
        assert f"Version {version} — mise à jour le" in pages["recettes/disco-soupe/index.md"].markdown
