"""Personal data (issue 12, class 19): contact details written in texts, recorded consent and its
withdrawal, coarsened positions, and redactions that older versioned pages rebuilt from git honour.

Every person, address, number and IBAN here is made up (the IBANs are the standard examples of
their country, valid by their check digits)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from recettes.catalog.snapshots import build_catalog
from recettes.core.addresses import SiteUrls
from recettes.core.personal import WITHHELD_NAME
from recettes.core.redaction import REDACTIONS_FILE, REPLACEMENT
from recettes.publish.opendata import build_dataset
from recettes.read.checks import validate_repository
from recettes.read.vocabulary import load_vocabulary
from recettes.site.page import Options
from recettes.site.pages import build_pages

from ..conftest import GitRepo, RunLine, make_repo
from ..site.conftest import FIXTURE, REPO, mkdocs
from .site import site_problems

RECIPE = "recipes/jardin-partage/recipe.md"
AMBASSADOR = "ambassadors/marie-exemple.yml"
OPTIONS = Options(site_url="https://guide.example/")


def _repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "depot")


def _add_line(root: Path, text: str, *, after: str = "Un texte qui explique l’élément.") -> tuple[int, str]:
    """Insert ``text`` as a paragraph of the recipe's first item; its 1-based line and the file."""
    path = root / RECIPE
    source = path.read_text(encoding="utf-8")
    assert after in source
    path.write_text(source.replace(after, f"{after}\n\n{text}", 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1, text


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    source = path.read_text(encoding="utf-8")
    assert old in source, (old, source)
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def _at(root: Path, relative: str, needle: str, *, after: str = "") -> str:
    """``line:column`` (1-based) of the first ``needle`` in the file, past the text ``after``."""
    text = (root / relative).read_text(encoding="utf-8")
    offset = text.index(needle, text.index(after) + len(after) if after else 0)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _lines(output: str, code: str) -> list[str]:
    return [line for line in output.splitlines() if f" {code} " in line]


class TestContactsInTexts:
    @pytest.mark.parametrize(("value", "label"), [
        ("06 12 34 56 78", "numéro de téléphone"),
        ("+33 6 12 34 56 78", "numéro de téléphone"),
        ("+33 (0)2 98 00 00 00", "numéro de téléphone"),
        ("01.23.45.67.89", "numéro de téléphone"),
        ("0612345678", "numéro de téléphone"),
        ("prenom.nom@example.org", "adresse de courriel"),
        ("FR76 3000 6000 0112 3456 7890 189", "IBAN"),
        ("GB82 WEST 1234 5698 7654 32", "IBAN"),
    ])
    def test_each_kind_is_warned_at_its_line_and_column(self, tmp_path: Path, run_line: RunLine,
                                                       value: str, label: str) -> None:
        """A warning (exit 0) at the value's own line and column, masked, pointing to the fix."""
        root = _repo(tmp_path)
        line, text = _add_line(root, f"Pour nous joindre, voyez {value} aux heures d’ouverture.")
        out = run_line("validate", "--root", str(root)).stdout
        column = text.index(value) + 1
        [warning] = _lines(out, "R150")
        assert warning.startswith(f"{RECIPE}:{line}:{column}: R150 (avertissement) {label}"), out
        assert value not in out  # the message does not republish it whole
        assert ("page de l’organisation" if label == "IBAN" else "ambassadors/") in out
        assert "docs/donnees-personnelles.md" in out

    def test_several_at_once_in_metadata_sections_and_ambassador_files(self, tmp_path: Path,
                                                                       run_line: RunLine) -> None:
        """Every finding is reported, in the front matter, in sections and in a profile's bio;
        the profile's own ``contact`` is not one (consent governs it)."""
        root = _repo(tmp_path)
        _edit(root, RECIPE, "summary: Une recette fictive", "summary: Appelez le 02 98 00 00 00, une recette fictive")
        line, _ = _add_line(root, "Écrire à jardin@example.org ou au 07 00 00 00 01.")
        _edit(root, AMBASSADOR, "bio: Personne fictive des jeux d’essai.",
              "bio: Personne fictive, joignable au 01 99 00 12 34.\ncontact:\n  email: marie@example.org")
        out = run_line("validate", "--root", str(root)).stdout
        found = sorted(w.split(" R150")[0] for w in _lines(out, "R150"))
        expected = [f"{AMBASSADOR}:{_at(root, AMBASSADOR, '01 99')}:", f"{RECIPE}:{_at(root, RECIPE, '02 98')}:",
                    f"{RECIPE}:{line}:10:", f"{RECIPE}:{line}:35:"]
        assert sorted(expected) == found, out

    @pytest.mark.parametrize("text", [
        "Lancé le 31/12/2016 à 10 h, puis le 2016-05-31.",
        "Voir le livre ISBN 978-2-07-036822-8 et l’ISBN 2-07-036822-X.",
        "SIRET 123 456 789 00012, code APE 9499Z.",
        "Un faux IBAN : FR76 3000 6000 0112 3456 7890 188 (clé fausse).",
        "Entre 2012-2014, 1 200 personnes ; 12 000 000 € ; version 1.10.0.",
        "Selon Wiki @ Brest et @compte, position 48.3733, -4.7297.",
    ])
    def test_dates_isbns_and_numbers_are_not_contact_details(self, tmp_path: Path, run_line: RunLine,
                                                             text: str) -> None:
        root = _repo(tmp_path)
        _add_line(root, text)
        out = run_line("validate", "--root", str(root)).stdout
        assert [] == _lines(out, "R150"), out


class TestConsent:
    def test_bare_true_is_warned_where_it_is_written(self, tmp_path: Path, run_line: RunLine) -> None:
        root = _repo(tmp_path)
        _edit(root, AMBASSADOR, "consent: false", "consent: true")
        out = run_line("validate", "--root", str(root)).stdout
        [warning] = _lines(out, "R151")
        assert warning.startswith(f"{AMBASSADOR}:8:10: R151 (avertissement) consentement « true » sans date"), out
        assert 'scope: [name, contact]' in out

    @pytest.mark.parametrize(("consent", "needle", "message"), [
        ('{date: "2026-02-30", scope: [name]}', '"2026-02-30"', "R012 « consent.date » : la date « 2026-02-30 » n’existe pas"),
        ('{date: "2026-05-12", scope: [name, adresse]}', "adresse", "R012 « consent.scope.1 » : « adresse » n’est pas"),
        ('{date: "2026-05-12", scope: []}', "[]", "R012 « consent.scope »"),
        ("{scope: [name]}", "consent:", "R011 clé obligatoire « consent.date » absente"),
        ('{date: "2026-05-12", scope: [name], withdrawn: "2026-01-01"}', "{", "le retrait (withdrawn) précède"),
        ("{date: 12 mai, scope: [name]}", "12 mai", "R012 « consent.date »"),
    ])
    def test_a_wrong_record_is_a_located_error(self, tmp_path: Path, run_line: RunLine,
                                               consent: str, needle: str, message: str) -> None:
        """Date, scope and withdrawal are checked, each at its own place, in French (exit 1)."""
        root = _repo(tmp_path)
        _edit(root, AMBASSADOR, "consent: false", f"consent: {consent}")
        out = run_line("validate", "--root", str(root), code=1).stdout
        [error] = [line for line in out.splitlines() if line.startswith(AMBASSADOR)]
        where = _at(root, AMBASSADOR, needle, after="" if needle == "consent:" else "consent:")
        assert error.startswith(f"{AMBASSADOR}:{where}: R01"), out
        assert message in error, out
        assert "true ou false" not in out  # the older form is not what was meant

    def test_scope_and_withdrawal_decide_what_is_published(self, tmp_path: Path) -> None:
        """In scope: published; out of scope: left out and warned (R152); withdrawn: nothing
        personal, on the profile and in the recipe's credits and open data."""
        root = _repo(tmp_path)
        _edit(root, AMBASSADOR, "consent: false",
              'consent: {date: "2026-05-12", scope: [name, contact]}\n'
              "contact: {email: marie@example.org, phone: 02 98 00 00 00}\n"
              "links: [{title: Son blog, url: https://example.org/blog-de-marie}]")
        repo, report = validate_repository(root)
        assert report.ok, report.sorted()
        r152 = [str(p).split(" (")[0] for p in report.problems if p.code.name == "R152"]
        assert [f"{AMBASSADOR}:{_at(root, AMBASSADOR, 'bio:')}: R152",
                f"{AMBASSADOR}:{_at(root, AMBASSADOR, 'links:')}: R152"] == r152
        page = self._profile(root)
        assert "Marie Exemple" in page and "marie@example.org" in page and "02 98 00 00 00" in page
        assert "Personne fictive" not in page and "blog-de-marie" not in page

        _edit(root, AMBASSADOR, 'scope: [name, contact]}', 'scope: [name, contact], withdrawn: "2026-09-03"}')
        repo, report = validate_repository(root)
        assert ["R152", "R285"] == sorted(p.code.name for p in report.problems), report.sorted()
        page = self._profile(root)
        assert WITHHELD_NAME in page
        for gone in ("Marie Exemple", "marie@example.org", "02 98 00 00 00", "Personne fictive"):
            assert gone not in page
        catalog, _ = build_catalog(root, repo)
        recipe = {p.src_uri: p for p in build_pages(catalog, OPTIONS)}["recettes/jardin-partage/index.md"]
        dataset, _ = build_dataset(catalog, SiteUrls("https://guide.example/"))
        data = dataset.model_dump_json()
        assert "Marie Exemple" not in recipe.markdown and "Marie Exemple" not in data

    @staticmethod
    def _profile(root: Path) -> str:
        repo, _ = validate_repository(root)
        catalog, _ = build_catalog(root, repo)
        return {p.src_uri: p for p in build_pages(catalog, OPTIONS)}["ambassadeurs/marie-exemple.md"].markdown


class TestPositions:
    @pytest.mark.parametrize(("location", "place", "expected", "precision"), [
        ("{lat: 48.391234, lon: -4.486789}", "brest", None, "territory"),
        ("{lat: 48.391234, lon: -4.486789}", "pays-de-brest", (48.39, -4.49), "approximate"),
        ("{lat: 48.391234, lon: -4.486789, public: true}", "brest", (48.391234, -4.486789), "recipe"),
    ])
    def test_published_position(self, tmp_path: Path, run_line: RunLine, location: str, place: str,
                                expected: tuple[float, float] | None, precision: str) -> None:
        """Private: the commune's centre, or rounded to 0.01° (about 1 km) above a commune, with a
        warning at ``location``; public: as given, silently."""
        root = _repo(tmp_path)
        _edit(root, RECIPE, "  place: brest\n", f"  place: {place}\n  location: {location}\n")
        out = run_line("validate", "--root", str(root)).stdout
        warnings = _lines(out, "R153")
        if precision == "recipe":
            assert [] == warnings, out
        else:
            [warning] = warnings
            where = _at(root, RECIPE, "location:")
            assert warning.startswith(f"{RECIPE}:{where}: R153 (avertissement) position précise publiée arrondie"), out
        repo, _ = validate_repository(root)
        catalog, _ = build_catalog(root, repo)
        dataset, _ = build_dataset(catalog, SiteUrls("https://guide.example/"))
        [record] = dataset.recipes
        assert record.location is not None and precision == record.location.precision
        commune = catalog.vocabulary.location("brest")
        assert commune is not None
        assert (expected or (commune.lat, commune.lon)) == (record.location.lat, record.location.lon)


# --- One built site with a history, for what a reader can find in it ------------------------

PARTAGE = "recipes/compost-partage"
REMOVED = "Famille Kerhostile, 7 impasse des Essais"
REMOVED_PHONE = "06 98 76 54 32"
WITHDRAWN_BIO = "Anime le compostage partagé de sa résidence"
EXACT = ("48.371234", "-4.712345")
HIDDEN_IMAGE = "media/domicile.png"


def _history(path: Path) -> GitRepo:
    """The site fixture with a history: compost-partage 1.0.0 named a family, its address and
    phone number and showed a photo of their home; 1.2.0 removed them and ``redactions.yml``
    lists them. Marie Le Gall has withdrawn her consent; compost-rural gives an exact position."""
    repo = GitRepo(path)
    shutil.copytree(FIXTURE, path, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", path / "mkdocs.yml")
    current_yml = (path / PARTAGE / "recipe.yml").read_text(encoding="utf-8")
    current_how = (path / PARTAGE / "how-to.md").read_text(encoding="utf-8")
    repo.write(f"{PARTAGE}/recipe.yml", current_yml.replace("version: 1.2.0", "version: 1.0.0"))
    wrapped = REMOVED.replace(", ", ",\n")  # Markdown wraps lines: the redaction still matches
    repo.write(f"{PARTAGE}/how-to.md", current_how.replace(
        "Affichez un mot dans le hall",
        f"Passez chez la {wrapped} (tél. {REMOVED_PHONE}).\n\n"
        f"![Devant chez eux]({HIDDEN_IMAGE})\n\nAffichez un mot dans le hall"))
    shutil.copy(path / PARTAGE / "media" / "composteur.png", path / PARTAGE / HIDDEN_IMAGE)
    repo.commit(f"Ajoute l’adresse de la {REMOVED}", date="2025-03-12T10:00:00+01:00")
    repo.write(f"{PARTAGE}/recipe.yml", current_yml)
    repo.write(f"{PARTAGE}/how-to.md", current_how)
    (path / PARTAGE / HIDDEN_IMAGE).unlink()
    repo.write(REDACTIONS_FILE, (
        "redactions:\n"
        "  - recipe: compost-partage\n"
        f"    strings: [\"{REMOVED}\", \"{REMOVED_PHONE}\"]\n"
        f"    media: [{HIDDEN_IMAGE}]\n"
        "    reason: Demande de la famille du 3 septembre 2026.\n"))
    _edit(path, "ambassadors/marie-le-gall.yml", "  how:", '  withdrawn: "2026-09-03"\n  how:')
    _edit(path, "recipes/compost-rural/recipe.yml", "  place: plouarzel\n",
          f"  place: plouarzel\n  location: {{lat: {EXACT[0]}, lon: {EXACT[1]}}}\n")
    repo.commit("Retire des données personnelles", date="2026-11-22T18:00:00+01:00")
    return repo


@pytest.fixture(scope="module")
def history_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _history(tmp_path_factory.mktemp("personnel") / "repo").path


@pytest.fixture(scope="module")
def built(history_root: Path) -> tuple[Path, str]:
    result = mkdocs(history_root, "--strict")  # warnings are information in a build
    assert 0 == result.returncode, result.stderr
    return history_root / "site", result.stderr


def _search_fragments(site: Path) -> str:
    """The text of Pagefind's compressed fragments (what the search box can show)."""
    return "\n".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                     for p in site.rglob("*.pf_fragment"))


class TestRedactions:
    def test_without_redactions_the_old_version_republishes_the_data(self, history_root: Path,
                                                                     tmp_path: Path) -> None:
        """The control: the same history without ``redactions.yml`` publishes it again."""
        root = tmp_path / "sans"
        shutil.copytree(history_root, root)
        (root / REDACTIONS_FILE).unlink()
        repo, _ = validate_repository(root)
        catalog, _ = build_catalog(root, repo)
        old = {p.src_uri: p for p in build_pages(catalog, OPTIONS)}["recettes/compost-partage/v1.0.0/index.md"]
        assert REMOVED_PHONE in old.markdown and HIDDEN_IMAGE in old.markdown

    def test_old_version_page_is_rebuilt_without_them(self, history_root: Path) -> None:
        repo, report = validate_repository(history_root)
        assert not report.errors, report.sorted()
        catalog, _ = build_catalog(history_root, repo)
        pages = {p.src_uri: p for p in build_pages(catalog, OPTIONS)}
        old = pages["recettes/compost-partage/v1.0.0/index.md"]
        assert REPLACEMENT in old.markdown and "(image retirée)" in old.markdown
        assert "Kerhostile" not in old.markdown and REMOVED_PHONE not in old.markdown
        assert "domicile" not in str(sorted(old.blobs))
        history = pages["recettes/compost-partage/index.md"].markdown
        assert "Ajoute l’adresse de la \\(retiré\\)" in history and "Kerhostile" not in history  # commit message

    @pytest.mark.build
    def test_the_whole_built_site_holds_none_of_it(self, built: tuple[Path, str]) -> None:
        """Pages (old versions included), media, open data, feed, map data and search: the
        redacted texts, the removed photo, the withdrawn person and the exact position are gone."""
        site, log = built
        assert (site / "recettes/compost-partage/v1.0.0/index.html").is_file()
        assert REPLACEMENT in (site / "recettes/compost-partage/v1.0.0/index.html").read_text(encoding="utf-8")
        forbidden = (REMOVED, "Kerhostile", REMOVED_PHONE, "domicile.png", "Marie Le Gall",
                     "marie@example.org", WITHDRAWN_BIO, *EXACT)
        assert [] == site_problems(site, forbidden=forbidden)
        search = _search_fragments(site)
        assert "Compost partagé" in search  # the fragments were read
        assert [] == [text for text in forbidden if text in search]
        geojson = json.loads((site / "donnees/recettes.geojson").read_text(encoding="utf-8"))
        rural = next(f for f in geojson["features"] if f["properties"]["slug"] == "compost-rural")
        plouarzel = load_vocabulary(site.parent)[0].location("plouarzel")
        assert plouarzel is not None
        assert [plouarzel.lon, plouarzel.lat] == rural["geometry"]["coordinates"]  # the commune's centre
        assert "territory" == rural["properties"]["precision"]
        root = site.parent
        rural_yml, marie = "recipes/compost-rural/recipe.yml", "ambassadors/marie-le-gall.yml"
        assert f"{rural_yml}:{_at(root, rural_yml, 'location:')}: R153 (avertissement)" in log
        assert f"{marie}:{_at(root, marie, 'date:', after='consent:')}: R152 (avertissement)" in log

    @pytest.mark.parametrize(("content", "where", "message"), [
        ("redactions:\n  - recipe: compost-partage\n    strings: [ab]\n    reason: x\n", "3:15",
         "R012 « redactions.0.strings.0 » : texte trop court"),
        ("redactions:\n  - recipe: compost-partage\n    reason: Une demande.\n", "2:5", "R154 caviardage vide"),
        ("redactions:\n  - recipe: compost-partage\n    strings: [Un texte]\n", "2:5",
         "R011 clé obligatoire « redactions.0.reason » absente"),
        ("redactions:\n  - recipe: compost-partage\n    strings: [Un texte]\n    reason: x\n    motif: y\n",
         "5:5", "R010 clé inconnue « redactions.0.motif »"),
    ])
    def test_an_unreadable_file_publishes_no_old_version(self, history_root: Path, tmp_path: Path,
                                                         run_line: RunLine, content: str, where: str,
                                                         message: str) -> None:
        """A located error (exit 1); meanwhile the handbook publishes no older version at all."""
        root = tmp_path / "illisible"
        shutil.copytree(history_root, root)
        (root / REDACTIONS_FILE).write_text(content, encoding="utf-8")
        out = run_line("validate", "--root", str(root), code=1).stdout
        assert f"{REDACTIONS_FILE}:{where}: {message}" in out, out
        repo, _ = validate_repository(root)
        catalog, notes = build_catalog(root, repo)
        assert [] == [s for s in catalog.snapshots["compost-partage"] if not s.current]
        assert any("redactions.yml illisible" in note for _, note in notes)

    @pytest.mark.parametrize("edit", ["Affichez un mot dans le hall", "Trois bacs suffisent", None])
    def test_what_the_current_version_still_holds_is_an_error(self, history_root: Path, tmp_path: Path,
                                                              run_line: RunLine, edit: str | None) -> None:
        """Redactions rewrite older versions only: the current one must lose the data itself
        (a text however it is spaced, or the file)."""
        root = tmp_path / "encore"
        shutil.copytree(history_root, root)
        if edit is None:
            shutil.copy(root / PARTAGE / "media" / "composteur.png", root / PARTAGE / HIDDEN_IMAGE)
            where, message = f"{PARTAGE}/{HIDDEN_IMAGE}:1:1", "fichier caviardé encore présent"
        else:
            spaced = REMOVED_PHONE.replace(" ", "  ")
            _edit(root, f"{PARTAGE}/how-to.md", edit, f"{spaced} — {edit}")
            where = f"{PARTAGE}/how-to.md:{_at(root, f'{PARTAGE}/how-to.md', spaced)}"
            message = "texte caviardé encore présent"
        out = run_line("validate", "--root", str(root), code=1).stdout
        assert f"{where}: R155 {message}" in out, out

    def test_unknown_recipe_is_warned_with_a_suggestion(self, history_root: Path, tmp_path: Path,
                                                        run_line: RunLine) -> None:
        root = tmp_path / "inconnue"
        shutil.copytree(history_root, root)
        _edit(root, REDACTIONS_FILE, "recipe: compost-partage", "recipe: compost-partag")
        out = run_line("validate", "--root", str(root)).stdout
        assert f"{REDACTIONS_FILE}:2:1: R154 (avertissement) recette « compost-partag » inconnue" in out, out
        assert "« compost-partage »" in out
