"""What the validator says about reaching people (issue 14): contact details written in an
ambassador's texts that consent does not cover (R150, « non publié »), a file named after a person
whose name is withheld (R285), and the territories of an offer (R014, like a recipe's place)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import RunLine
from ..support.reach import reach_repo

BRUNO = "ambassadors/porteur-plouarzel.yml"
ANNE = "ambassadors/anne-essai.yml"


def _at(root: Path, relative: str, needle: str) -> str:
    text = (root / relative).read_text(encoding="utf-8")
    offset = text.index(needle)
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return reach_repo(tmp_path / "depot")


class TestContactsInAmbassadorTexts:
    def test_not_covered_by_consent_each_is_said_withheld(self, root: Path, run_line: RunLine) -> None:
        """In the presentation and in an offer: located, masked, « non publié(e) »."""
        out = run_line("validate", "--root", str(root)).stdout
        lines = sorted(line for line in out.splitlines() if " R150 " in line)
        assert sorted([f"{BRUNO}:{_at(root, BRUNO, '06 55')}: R150 (avertissement) numéro de téléphone « 06 55 … 22 » non publié",
                f"{BRUNO}:{_at(root, BRUNO, 'bruno.perso')}: R150 (avertissement) adresse de courriel "
                "« br…@example.org » non publiée",
                f"{BRUNO}:{_at(root, BRUNO, '07 12')}: R150 (avertissement) numéro de téléphone « 07 12 … 78 » non publié",
                ]) == lines, out
        assert "Le guide le remplace par « (coordonnées non publiées) »" in out

    def test_covered_by_consent_it_is_published_and_said_so(self, root: Path, run_line: RunLine) -> None:
        _edit(root, ANNE, "bio: Anime un jardin partagé d’essai.", "bio: Anime un jardin, au 02 98 00 11 22.")
        out = run_line("validate", "--root", str(root)).stdout
        [line] = [line for line in out.splitlines() if line.startswith(ANNE) and " R150 " in line]
        assert line.endswith("numéro de téléphone « 02 98 … 22 » publié tel quel"), out


class TestNamedFile:
    def test_a_withheld_name_in_the_file_name(self, root: Path, run_line: RunLine) -> None:
        """Warned at ``name``, with how to rename; not for a published name nor an organisation."""
        (root / BRUNO).rename(root / "ambassadors" / "bruno-s.yml")
        for recipe in (root / "recipes").glob("*/recipe.md"):
            recipe.write_text(recipe.read_text(encoding="utf-8").replace("porteur-plouarzel", "bruno-s"), encoding="utf-8")
        out = run_line("validate", "--root", str(root)).stdout
        [line] = [line for line in out.splitlines() if " R285 " in line]
        where = _at(root, "ambassadors/bruno-s.yml", "Bruno Secret")
        assert line == (f"ambassadors/bruno-s.yml:{where}: R285 (avertissement) le nom du fichier « bruno-s.yml » "
                        "reprend le nom de la personne, qui n’est pas publié"), out
        assert "Renommez le fichier sans son nom" in out

    def test_neutral_names_are_quiet(self, root: Path, run_line: RunLine) -> None:
        out = run_line("validate", "--root", str(root)).stdout
        assert " R285 " not in out, out


class TestOfferTerritories:
    @pytest.mark.parametrize(("place", "expected"), [
        ("pays-de-bres", "R014 territoire « pays-de-bres » inconnu"),
        ("departement:99", "R241"),
    ])
    def test_unknown_territory_is_located(self, root: Path, run_line: RunLine, place: str, expected: str) -> None:
        _edit(root, ANNE, "territories: [pays-de-brest, departement:29]", f"territories: [departement:29, {place}]")
        out = run_line("validate", "--root", str(root), code=1).stdout
        assert f"{ANNE}:{_at(root, ANNE, place)}: {expected}" in out, out

    @pytest.mark.parametrize(("offer", "message"), [
        ("  - kind: other\n", "une proposition « other » (autre) dit ce qu’elle est dans « details »"),
        ("  - kind: concert\n", "« offers.2.kind »"),
        ("  - kind: visit\n    terms: [gratuit]\n", "« offers.2.terms.0 »"),
        ("  - kind: visit\n    remote: oui\n", "« offers.2.remote »"),
    ])
    def test_a_wrong_offer_is_a_located_error(self, root: Path, run_line: RunLine, offer: str, message: str) -> None:
        _edit(root, ANNE, "    remote: true\n", "    remote: true\n" + offer)
        out = run_line("validate", "--root", str(root), code=1).stdout
        assert message in out, out
        assert [line for line in out.splitlines() if line.startswith(ANNE + ":") and (" R012 " in line or " R01" in line)], out
