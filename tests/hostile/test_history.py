"""Hostile git history (issue 12, classes 10, 13, 14 and 15): names that are not UTF-8, renamed
recipe folders, shallow clones, forged and empty author names. Every repository is a real git
repository in tmp_path; commits git itself refuses to make (bytes that are not UTF-8 without an
``encoding`` header, an empty author name) are written as raw objects (``git hash-object -t
commit``). Publishing cases are checked on a real ``mkdocs build`` (one site holds them all)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from recettes.read.identities import IDENTITIES_FILE

from ..conftest import GitRepo, RunLine, make_repo
from ..site.conftest import FIXTURE, REPO, mkdocs
from .site import assert_site_safe, outside_secret

SITE_URL = "https://guide.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
MARIE = ("Marie Le Gall", "marie@example.org")  # the real ambassador's e-mail
FORGER = ("Marie Le Gall", "attacker@evil.example")  # her name, someone else's e-mail
DATE = 1_767_000_000  # 2025-12-29


def raw_commit(repo: GitRepo, author: bytes, message: bytes, *, seconds: int = DATE,
               env: dict[str, str] | None = None) -> str:
    """Commit the working tree as a raw commit object: ``author`` is the bytes of ``Name <mail>``
    exactly as stored (no re-encoding, no ``encoding`` header), ``message`` likewise."""
    repo.git("add", "-A")
    tree = repo.git("write-tree").strip()
    parents = b""
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=repo.path,
                          env=repo.env, capture_output=True, text=True).stdout.strip()
    if head:
        parents = b"parent " + head.encode() + b"\n"
    body = (b"tree " + tree.encode() + b"\n" + parents
            + b"author " + author + b" %d +0100\n" % seconds
            + b"committer Relecture <relecture@example.org> %d +0100\n\n" % seconds + message + b"\n")
    sha = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.path,
                         env=repo.env, input=body, capture_output=True, check=True).stdout.decode().strip()
    repo.git("update-ref", "HEAD", sha)
    return sha


def touch(repo: GitRepo, path: str, line: str) -> None:
    """Append a line to a file of the repository (a change to commit)."""
    target = repo.path / path
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def export_all(run_line: RunLine, root: Path, out: Path, *args: str, code: int = 0) -> str:
    """``recettes export --format all`` into ``out``; its messages (stderr)."""
    result = run_line("export", "--root", str(root), "--format", "all", "--output", str(out),
                      "--site-url", SITE_URL, *args, code=code)
    return result.stderr


def ids(out: Path) -> dict[str, dict[str, str]]:
    """Each recipe's id in every exported file: slug -> {file: id}."""
    found: dict[str, dict[str, str]] = {}
    for record in json.loads((out / "donnees/recettes.json").read_text(encoding="utf-8"))["recipes"]:
        found.setdefault(record["slug"], {})["json"] = record["id"]
    for feature in json.loads((out / "donnees/recettes.geojson").read_text(encoding="utf-8"))["features"]:
        found.setdefault(feature["properties"]["slug"], {})["geojson"] = feature["id"]
    feed = ElementTree.parse(out / "flux.atom").getroot()
    for entry in feed.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        slug = link.rstrip("/").rsplit("/", 1)[1]
        found.setdefault(slug, {})["atom"] = entry.findtext(f"{ATOM}id") or ""
    return found


def one_id(found: dict[str, dict[str, str]], slug: str) -> str:
    """The recipe's id, asserting every file gives the same one."""
    values = set(found[slug].values())
    assert len(values) == 1, found[slug]
    return values.pop()


# ---------------------------------------------------------------- class 10: non-UTF-8 history


@pytest.fixture
def legacy_repo(tmp_path: Path) -> GitRepo:
    """The base repository, then three commits from tools that did not write UTF-8."""
    repo = GitRepo(make_repo(tmp_path / "depot"))
    repo.commit("Import", date="2025-01-02T10:00:00+01:00")
    touch(repo, "recipes/jardin-partage/recipe.md", "Une étape de plus.")
    raw_commit(repo, b"Fran\xe7oise Le H\xe9naff <francoise@example.org>", b"Pr\xe9cisions", seconds=DATE)
    touch(repo, "recipes/jardin-partage/recipe.md", "Encore une étape.")
    raw_commit(repo, "Hervé".encode() + b" C\x9cur <herve@example.org>",  # UTF-8, then one cp1252 byte
               b"Ajout\n\nCo-authored-by: Z\x81o Kerbrat <zeo@example.org>", seconds=DATE + 60)
    return repo


class TestNonUtf8History:
    def test_latin1_author_is_read_and_warned_about(self, legacy_repo: GitRepo, run_line: RunLine,
                                                    tmp_path: Path) -> None:
        """A Latin-1 author name no longer crashes export: it is read as Windows-1252 and a
        located R071 warning names the commit."""
        out = tmp_path / "donnees-ouvertes"
        messages = export_all(run_line, legacy_repo.path, out)
        record = json.loads((out / "donnees/recettes.json").read_text(encoding="utf-8"))["recipes"][0]
        assert "Françoise Le Hénaff" in record["contributors"]
        assert re.search(r"^recipes/jardin-partage:1:1: R071 \(avertissement\) commit [0-9a-f]{10}\u00a0: "
                         r"nom d’auteur·rice qui n’est pas en UTF-8, lu en Windows-1252\u00a0: "
                         r"« Françoise Le Hénaff »", messages, re.M), messages
        assert "Traceback" not in messages

    def test_mixed_utf8_and_cp1252_bytes_keep_both(self, legacy_repo: GitRepo, run_line: RunLine,
                                                   tmp_path: Path) -> None:
        """Valid UTF-8 around a stray Windows-1252 byte is kept (« Hervé Cœur »); a byte that
        Windows-1252 leaves undefined becomes U+FFFD in a co-author, and is warned about."""
        out = tmp_path / "donnees-ouvertes"
        messages = export_all(run_line, legacy_repo.path, out)
        record = json.loads((out / "donnees/recettes.json").read_text(encoding="utf-8"))["recipes"][0]
        assert "Hervé Cœur" in record["contributors"]
        assert "Z\ufffdo Kerbrat" in record["contributors"]
        assert "R071 (avertissement) commit" in messages and "nom de co-auteur·rice" in messages
        feed = ElementTree.parse(out / "flux.atom").getroot()  # still well-formed XML
        assert "Hervé Cœur" in [a.text for a in feed.iter(f"{ATOM}name")]

    def test_declared_encoding_is_reencoded_by_git_without_warning(
        self, tmp_path: Path, run_line: RunLine
    ) -> None:
        """A commit made with i18n.commitEncoding=latin1 declares its encoding: git re-encodes
        it, the name is right and nothing is warned."""
        repo = GitRepo(make_repo(tmp_path / "depot"))
        repo.commit("Import", date="2025-01-02T10:00:00+01:00")
        touch(repo, "recipes/jardin-partage/recipe.md", "Une étape de plus.")
        repo.git("add", "-A")
        message = tmp_path / "message.txt"
        message.write_bytes(b"R\xe9vision du jardin\n")
        env = {k.encode(): v.encode() for k, v in repo.env.items()}
        for variable in (b"GIT_AUTHOR_NAME", b"GIT_COMMITTER_NAME"):
            env[variable] = "Gaëlle Ménez".encode("latin-1")  # as a Latin-1 system gives it
        env[b"GIT_AUTHOR_EMAIL"] = env[b"GIT_COMMITTER_EMAIL"] = b"g@example.org"
        subprocess.run(["git", "-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F", str(message)],
                       cwd=repo.path, check=True, env=env)
        raw = subprocess.run(["git", "cat-file", "-p", "HEAD"], cwd=repo.path, env=repo.env,
                             capture_output=True, check=True).stdout
        assert b"\nencoding latin1\n" in raw and b"Ga\xebll" in raw
        messages = export_all(run_line, repo.path, tmp_path / "out")
        assert "R071" not in messages
        record = json.loads((tmp_path / "out/donnees/recettes.json").read_text(encoding="utf-8"))["recipes"][0]
        assert "Gaëlle Ménez" in record["contributors"]

    def test_validate_and_history_pages_do_not_crash(self, legacy_repo: GitRepo, run_line: RunLine) -> None:
        """``recettes validate`` on the same history: exit 0, no traceback."""
        result = run_line("validate", "--root", str(legacy_repo.path))
        assert "Traceback" not in result.stderr + result.stdout


# ---------------------------------------------------------------- class 13: permanent ids


@pytest.fixture
def renamed(tmp_path: Path) -> GitRepo:
    repo = GitRepo(make_repo(tmp_path / "depot"))
    repo.commit("Import", date="2025-01-02T10:00:00+01:00")
    return repo


class TestPermanentIds:
    def first_ids(self, repo: GitRepo, run_line: RunLine, out: Path) -> dict[str, dict[str, str]]:
        export_all(run_line, repo.path, out)
        return ids(out)

    def test_rename_keeps_the_id_in_feed_json_and_geojson(self, renamed: GitRepo, run_line: RunLine,
                                                          tmp_path: Path) -> None:
        """Before and after ``git mv``, the Atom id, the JSON id and the GeoJSON id are the
        address of the recipe's first name, while its link follows the new name."""
        before = one_id(self.first_ids(renamed, run_line, tmp_path / "avant"), "jardin-partage")
        assert SITE_URL + "recettes/jardin-partage/" == before
        renamed.mv("recipes/jardin-partage", "recipes/jardin-collectif")
        renamed.commit("Renomme", date="2025-02-02T10:00:00+01:00")
        after = self.first_ids(renamed, run_line, tmp_path / "apres")
        assert before == one_id(after, "jardin-collectif")
        record = json.loads((tmp_path / "apres/donnees/recettes.json").read_text(encoding="utf-8"))["recipes"][0]
        assert SITE_URL + "recettes/jardin-collectif/" == record["url"]

    def test_two_renames_with_edits_and_a_rename_back(self, renamed: GitRepo, run_line: RunLine,
                                                      tmp_path: Path) -> None:
        """A → B (edited) → C → A: the id never changes, even back under the first name."""
        first = one_id(self.first_ids(renamed, run_line, tmp_path / "0"), "jardin-partage")
        renamed.mv("recipes/jardin-partage", "recipes/jardin-b")
        renamed.commit("Renomme en b", date="2025-02-02T10:00:00+01:00")
        touch(renamed, "recipes/jardin-b/recipe.md", "Une étape ajoutée après le renommage.")
        renamed.commit("Complète", date="2025-02-03T10:00:00+01:00")
        assert first == one_id(self.first_ids(renamed, run_line, tmp_path / "1"), "jardin-b")
        renamed.mv("recipes/jardin-b", "recipes/jardin-c")
        renamed.commit("Renomme en c", date="2025-02-04T10:00:00+01:00")
        assert first == one_id(self.first_ids(renamed, run_line, tmp_path / "2"), "jardin-c")
        renamed.mv("recipes/jardin-c", "recipes/jardin-partage")
        renamed.commit("Revient au premier nom", date="2025-02-05T10:00:00+01:00")
        assert first == one_id(self.first_ids(renamed, run_line, tmp_path / "3"), "jardin-partage")

    def test_a_new_recipe_under_a_freed_name_gets_its_own_id(self, renamed: GitRepo, run_line: RunLine,
                                                             tmp_path: Path) -> None:
        """After A → B, a new recipe created as A: B keeps A's address as id, the newcomer gets
        a tag: URI of its own; the two never share an id."""
        first = one_id(self.first_ids(renamed, run_line, tmp_path / "0"), "jardin-partage")
        renamed.mv("recipes/jardin-partage", "recipes/jardin-collectif")
        renamed.commit("Renomme", date="2025-02-02T10:00:00+01:00")
        shutil.copytree(renamed.path / "recipes/jardin-collectif", renamed.path / "recipes/jardin-partage")
        text = (renamed.path / "recipes/jardin-partage/recipe.md").read_text(encoding="utf-8")
        (renamed.path / "recipes/jardin-partage/recipe.md").write_text(
            text.replace("Jardin partagé d’essai", "Un autre jardin"), encoding="utf-8")
        renamed.commit("Nouvelle recette sous l’ancien nom", date="2025-03-02T10:00:00+01:00")
        found = self.first_ids(renamed, run_line, tmp_path / "1")
        assert first == one_id(found, "jardin-collectif")
        assert "tag:guide.example,2025-03-02:" + SITE_URL + "recettes/jardin-partage/" == one_id(
            found, "jardin-partage")

    def test_a_fresh_clone_reproduces_the_ids(self, renamed: GitRepo, run_line: RunLine,
                                              tmp_path: Path) -> None:
        """Ids come from git history alone: a new full clone gives the same ones."""
        renamed.mv("recipes/jardin-partage", "recipes/jardin-collectif")
        renamed.commit("Renomme", date="2025-02-02T10:00:00+01:00")
        here = self.first_ids(renamed, run_line, tmp_path / "ici")
        clone = renamed.clone(tmp_path / "clone")
        there = self.first_ids(clone, run_line, tmp_path / "la")
        assert here == there
        assert SITE_URL + "recettes/jardin-partage/" == one_id(there, "jardin-collectif")


# ---------------------------------------------------------------- class 14: shallow clones, atomic export


@pytest.fixture
def shallow(tmp_path: Path) -> GitRepo:
    """The site fixture in three commits, cloned with --depth 1."""
    shutil.copytree(FIXTURE, tmp_path / "depot")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "depot/mkdocs.yml")
    repo = GitRepo(tmp_path / "depot")
    repo.commit("Import", date="2024-01-02T10:00:00+01:00")
    touch(repo, "recipes/compost-partage/how-to.md", "Une étape.")
    repo.commit("Étape", author=("Gwénaël Kerbrat", "gwen@example.org"), date="2024-06-02T10:00:00+01:00")
    touch(repo, "recipes/compost-partage/how-to.md", "Une autre étape.")
    repo.commit("Autre étape", date="2025-06-02T10:00:00+01:00")
    return repo.clone(tmp_path / "superficiel", "--depth", "1")


SHALLOW = ("R070 (avertissement) Historique git incomplet (clone superficiel)\u00a0: dates, "
           "contributeurs, renommages et identifiants permanents partiels.")


class TestShallowClone:
    def test_export_says_what_the_build_says(self, shallow: GitRepo, run_line: RunLine, tmp_path: Path) -> None:
        """On a shallow clone export warns, located, in the build's words, and still writes."""
        messages = export_all(run_line, shallow.path, tmp_path / "out")
        assert f".:1:1: {SHALLOW}" in messages
        assert "git fetch --unshallow" in messages
        assert (tmp_path / "out/donnees/recettes.json").is_file()

    def test_strict_export_refuses_and_writes_nothing(self, shallow: GitRepo, run_line: RunLine,
                                                      tmp_path: Path) -> None:
        """``--strict``: exit 1, nothing written, previous files untouched, for every format."""
        out = tmp_path / "out"
        messages = export_all(run_line, shallow.path, out, "--strict", code=1)
        assert f".:1:1: {SHALLOW}" in messages and "Export refusé (--strict)" in messages
        assert not out.exists()
        previous = tmp_path / "recettes.json"
        previous.write_text("ancien", encoding="utf-8")
        result = run_line("export", "--root", str(shallow.path), "--format", "json", "--output", str(previous),
                          "--site-url", SITE_URL, "--strict", code=1)
        assert "aucun fichier n’a été écrit" in result.stderr
        assert "ancien" == previous.read_text(encoding="utf-8")

    def test_strict_export_names_the_invalid_recipe(self, renamed: GitRepo, run_line: RunLine,
                                                    tmp_path: Path) -> None:
        """``--strict`` with an invalid recipe (full history): the located error, then the
        refusal; nothing written."""
        recipe = renamed.path / "recipes/jardin-partage/recipe.md"
        recipe.write_text(recipe.read_text(encoding="utf-8").replace("status: published", "status: publie"),
                          encoding="utf-8")
        renamed.commit("Statut mal écrit")
        messages = export_all(run_line, renamed.path, tmp_path / "out", "--strict", code=1)
        assert re.search(r"^recipes/jardin-partage/recipe\.md:\d+:\d+: R012 ", messages, re.M), messages
        assert "Export refusé (--strict)" in messages
        assert not (tmp_path / "out").exists()

    @pytest.mark.build
    def test_strict_build_refuses_with_the_same_line(self, shallow: GitRepo, run_line: RunLine,
                                                     tmp_path: Path) -> None:
        """``mkdocs build --strict`` on the same clone: exit 1 with the same R070 line as export."""
        result = mkdocs(shallow.path, "--strict")
        assert 1 == result.returncode
        assert f".:1:1: {SHALLOW}" in result.stderr
        exported = export_all(run_line, shallow.path, tmp_path / "out")
        line = next(x for x in exported.splitlines() if "R070" in x)
        assert line in result.stderr
        assert not (shallow.path / "site").exists()


class TestAtomicExport:
    def test_a_target_that_is_a_folder_leaves_every_file_as_it_was(
        self, renamed: GitRepo, run_line: RunLine, tmp_path: Path
    ) -> None:
        """``--format all`` where one target cannot be written: exit 1, a French message naming
        it, and neither the other files nor temporary files are left."""
        out = tmp_path / "out"
        (out / "donnees").mkdir(parents=True)
        (out / "flux.atom").write_text("ancien flux", encoding="utf-8")
        (out / "donnees/recettes.geojson").mkdir()  # cannot be replaced by a file
        messages = export_all(run_line, renamed.path, out, code=1)
        assert "donnees/recettes.geojson\u00a0: écriture impossible" in messages
        assert "aucun fichier n’a été remplacé" in messages
        assert "ancien flux" == (out / "flux.atom").read_text(encoding="utf-8")
        assert ["donnees", "donnees/recettes.geojson", "flux.atom"] == sorted(
            p.relative_to(out).as_posix() for p in out.rglob("*"))

    def test_one_file_to_a_folder_is_refused(self, renamed: GitRepo, run_line: RunLine, tmp_path: Path) -> None:
        """``--format json --output FOLDER``: exit 1, French message, the folder untouched."""
        target = tmp_path / "dossier"
        target.mkdir()
        result = run_line("export", "--root", str(renamed.path), "--format", "json", "--output", str(target),
                          "--site-url", SITE_URL, code=1)
        assert f"✗ {target}\u00a0: écriture impossible" in result.stderr
        assert [] == list(target.iterdir())

    def test_success_replaces_the_previous_file_whole(self, renamed: GitRepo, run_line: RunLine,
                                                      tmp_path: Path) -> None:
        """A successful export replaces the previous file by a complete one, with no temporary
        file left beside it."""
        target = tmp_path / "recettes.json"
        target.write_text("{tronqué", encoding="utf-8")
        run_line("export", "--root", str(renamed.path), "--format", "json", "--output", str(target),
                 "--site-url", SITE_URL)
        assert 1 == len(json.loads(target.read_text(encoding="utf-8"))["recipes"])
        assert ["recettes.json"] == sorted(p.name for p in tmp_path.iterdir() if p.name != "depot")


# ---------------------------------------------------------------- class 15: identities


class TestIdentityFile:
    def test_problems_are_located_in_the_mapping(self, tmp_path: Path, run_line: RunLine) -> None:
        """Unknown ambassador (with a suggestion), not an e-mail, the same e-mail twice: all
        reported at once, file:line:column, exit 1."""
        root = make_repo(tmp_path / "depot")
        (root / IDENTITIES_FILE).write_text(
            "marie-exemple:\n"
            "  - marie@example.org\n"
            "  - Marie Exemple <marie@example.org>\n"
            "marie-exemplle:\n"
            "  - autre@example.org\n"
            "marie-exempl:\n"
            "  - x\n", encoding="utf-8")
        (root / "ambassadors/jean-exemple.yml").write_text(
            (root / "ambassadors/marie-exemple.yml").read_text(encoding="utf-8").replace("Marie", "Jean"),
            encoding="utf-8")
        with (root / IDENTITIES_FILE).open("a", encoding="utf-8") as file:
            file.write("jean-exemple:\n  - MARIE@example.org\n")
        result = run_line("validate", "--root", str(root), code=1)
        out = result.stdout
        assert "git-identities.yml:3:5: R073 « Marie Exemple <marie@example.org> » n’est pas un courriel" in out
        assert "git-identities.yml:4:1: R074 fiche « marie-exemplle » inconnue" in out
        assert "Vouliez-vous dire « marie-exemple » ?" in out
        assert "git-identities.yml:6:1: R074 fiche « marie-exempl » inconnue" in out
        assert ("git-identities.yml:9:5: R075 courriel « MARIE@example.org » déjà listé pour "
                "« marie-exemple » (ligne 2)") in out

    def test_a_file_that_is_not_a_mapping(self, tmp_path: Path, run_line: RunLine) -> None:
        root = make_repo(tmp_path / "depot")
        (root / IDENTITIES_FILE).write_text("- marie@example.org\n", encoding="utf-8")
        result = run_line("validate", "--root", str(root), code=1)
        assert "git-identities.yml:1:1: R073 le fichier doit associer des identifiants" in result.stdout

    def test_a_list_expected_under_each_ambassador(self, tmp_path: Path, run_line: RunLine) -> None:
        root = make_repo(tmp_path / "depot")
        (root / IDENTITIES_FILE).write_text("marie-exemple: marie@example.org\n", encoding="utf-8")
        result = run_line("validate", "--root", str(root), code=1)
        assert "git-identities.yml:1:16: R073 « marie-exemple » doit être suivi d’une liste" in result.stdout


# ---------------------------------------------------------------- one built site for 10, 13 and 15


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site fixture with a hostile history, built with ``mkdocs build --strict``:

    - a Latin-1 author and a Windows-1252 co-author (class 10);
    - compost-rural renamed to compost-campagne (class 13);
    - a forger committing as « Marie Le Gall » from another address, the real Marie (listed in
      git-identities.yml) on another recipe, an author with an empty name after a line that
      must stay a list item, one whose name is only invisible characters, and a co-author
      trailer with no name (class 15)."""
    base = tmp_path_factory.mktemp("hostile-history")
    secret = outside_secret(base)
    path = base / "repo"
    shutil.copytree(FIXTURE, path)
    shutil.copy(REPO / "mkdocs.yml", path / "mkdocs.yml")
    repo = GitRepo(path)
    (path / IDENTITIES_FILE).write_text("marie-le-gall:\n  - marie@example.org\n", encoding="utf-8")
    repo.commit("Import", date="2025-01-02T10:00:00+01:00")
    touch(repo, "recipes/repair-cafe/how-to.md", "Une étape de plus.")
    repo.commit("Précisions", author=FORGER, date="2025-02-02T10:00:00+01:00")
    touch(repo, "recipes/compost-partage/how-to.md", "Une étape de plus.")
    repo.commit("Étape vérifiée", author=MARIE, date="2025-02-03T10:00:00+01:00")
    touch(repo, "recipes/compost-rural/how-to.md", "Encore une étape.")
    repo.commit("Encore", author=("Ada Lovelace", "ada@example.org"), date="2025-02-04T10:00:00+01:00")
    touch(repo, "recipes/compost-rural/obstacles.md", "Un frein.")
    raw_commit(repo, b" <sans-nom@example.org>", b"Sans nom\n\nCo-authored-by: <coauteur@example.org>",
               seconds=DATE)
    touch(repo, "recipes/compost-rural/enablers.md", "Un levier.")
    raw_commit(repo, "\u200b\u2060 <invisible@example.org>".encode(), b"Invisible", seconds=DATE + 60)
    touch(repo, "recipes/compost-partage/obstacles.md", "Un frein.")
    raw_commit(repo, b"Fran\xe7oise Le H\xe9naff <francoise@example.org>",
               b"Fr\xe9in\n\nCo-authored-by: Herv\xe9 C\x9cur <herve@example.org>", seconds=DATE + 120)
    repo.mv("recipes/compost-rural", "recipes/compost-campagne")
    how_to = path / "recipes/compost-partage/how-to.md"
    how_to.write_text(how_to.read_text(encoding="utf-8").replace("recette:compost-rural", "recette:compost-campagne"),
                      encoding="utf-8")
    repo.commit("Renomme le compost rural", date="2026-01-02T10:00:00+01:00")
    result = mkdocs(path, "--strict")
    assert 0 == result.returncode, result.stderr
    return path, result.stderr + "\n" + secret


def page(site: Path, uri: str) -> str:
    return (site / uri).read_text(encoding="utf-8")


def credits_of(html: str) -> str:
    """The « Contributions (historique git) » part of a recipe page."""
    start = html.index('id="contributions"')
    return html[start:html.index("<h2", start)]


@pytest.mark.build
class TestHostileHistorySite:
    def test_site_is_safe(self, hostile_site: tuple[Path, str]) -> None:
        """No script, no handler, nothing from outside, no e-mail address of a contributor."""
        root, log = hostile_site
        secret = log.rsplit("\n", 1)[1]
        assert_site_safe(root / "site", (secret, "attacker@evil.example", "sans-nom@example.org",
                                         "coauteur@example.org", "FranÃ§oise"))

    def test_forged_name_is_not_linked_to_the_real_profile(self, hostile_site: tuple[Path, str]) -> None:
        """« Marie Le Gall » from another address is credited as plain text, and her profile
        does not list the recipe the forger changed; her own address does link."""
        root, _ = hostile_site
        forged = credits_of(page(root / "site", "recettes/repair-cafe/index.html"))
        assert "Marie Le Gall" in forged and "ambassadeurs/marie-le-gall" not in forged
        real = credits_of(page(root / "site", "recettes/compost-partage/index.html"))
        assert re.search(r'<a href="[./]*ambassadeurs/marie-le-gall/">Marie Le Gall</a>', real), real
        profile = page(root / "site", "ambassadeurs/marie-le-gall/index.html")
        assert "repair-cafe" not in profile and 'id="contributions"' not in profile

    def test_empty_names_make_no_fake_heading(self, hostile_site: tuple[Path, str]) -> None:
        """Authors with no name (empty, invisible, a nameless co-author) are credited as
        « contributeur·rice sans nom » in the list; no heading appears in the credits, the
        line above stays a list item, and each is warned about (R072)."""
        root, log = hostile_site
        html = page(root / "site", "recettes/compost-campagne/index.html")
        part = credits_of(html)
        assert "<h3" not in part.split("</h3>", 1)[1] and "<h4" not in part and "<hr" not in part
        assert "<li>Ada Lovelace</li>" in part
        assert "<li>contributeur·rice sans nom</li>" in part
        assert "\u200b" not in part
        assert 2 == len(re.findall(r"R072 \(avertissement\) commit [0-9a-f]{10}\u00a0: un·e auteur·rice sans nom",
                                   log))

    def test_legacy_names_are_published_readable(self, hostile_site: tuple[Path, str]) -> None:
        """Latin-1 and Windows-1252 names reach the page and the feed as « Françoise Le
        Hénaff » and « Hervé Cœur », with an R071 line in the build log."""
        root, log = hostile_site
        part = credits_of(page(root / "site", "recettes/compost-partage/index.html"))
        assert "Françoise Le Hénaff" in part and "Hervé Cœur" in part
        assert "R071 (avertissement)" in log
        ElementTree.parse(root / "site/flux.atom")  # well-formed

    def test_ids_after_rename_are_the_same_in_the_site_and_in_export(
        self, hostile_site: tuple[Path, str], run_line: RunLine, tmp_path: Path
    ) -> None:
        """The renamed recipe keeps its first address as id in the site's feed, open data and
        JSON-LD, and ``recettes export`` writes the same ids."""
        root, _ = hostile_site
        site = ids(root / "site")
        first = "https://recettes-libres.example.org/recettes/compost-rural/"
        assert first == one_id(site, "compost-campagne")
        html = page(root / "site", "recettes/compost-campagne/index.html")
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))  # type: ignore[union-attr]
        assert first == data["@id"]
        run_line("export", "--root", str(root), "--format", "all", "--output", str(tmp_path / "out"))
        assert site == ids(tmp_path / "out")
