"""Territories by official code, network groupings, and the problems of both
(``read/territories.py``, ``read/vocabulary.py``, the recipe checks)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from recettes.read.checks import validate_repository
from recettes.read.vocabulary import load_vocabulary

from ..repo_factory import add_ambassador, add_recipe, mini_repo

GROUPINGS = """\
- id: bretagne
  label: Bretagne
  kind: region
  code: region:53
- id: finistere
  label: Finistère
  kind: departement
  code: departement:29
- id: brest
  label: Brest
  kind: commune
  code: commune:29019
  location: {lat: 48.3904, lon: -4.4861}
- id: pays-d-iroise-et-brest
  label: Pays d’Iroise et de Brest
  kind: pays
  members:
    - epci:242900074
    - commune:29019
- id: ancien-quartier
  label: Ancien quartier
  kind: commune
  parent: pays-d-iroise-et-brest
"""


def _repo(tmp_path: Path, territories: str) -> Path:
    root = mini_repo(tmp_path)
    (root / "schema" / "vocabularies" / "territories.yml").write_text(territories, encoding="utf-8")
    return root


def _codes(root: Path) -> list[tuple[str, int, str, str]]:
    _, report = validate_repository(root)
    return [(p.code.name, p.line, p.severity.value, f"{p.message} | {p.hint}") for p in report.problems
            if p.code.name not in ("R023",)]


class TestContainment:
    def test_a_commune_is_in_its_epci_the_pays_its_departement_and_region(self, tmp_path: Path) -> None:
        """Plougonvelin is in no hand-made entry: CC du Pays d’Iroise (an EPCI member of the
        pays), the pays, then Finistère and Bretagne (hand-made ids, claimed by their codes)."""
        vocabulary, problems = load_vocabulary(_repo(tmp_path, GROUPINGS))
        assert [] == problems
        assert ["commune-29190", "epci-242900074", "pays-d-iroise-et-brest", "finistere", "bretagne"] == [
            t.id for t in vocabulary.ancestors("commune:29190")]
        assert "CC du Pays d’Iroise" == vocabulary.territories["epci:242900074"].label

    def test_a_commune_member_and_its_hand_made_name_are_one_territory(self, tmp_path: Path) -> None:
        """``brest``, ``commune:29019`` and ``commune-29019`` name the same entry, with its position;
        Brest is in the pays directly (as a commune member), and in Brest Métropole."""
        vocabulary, _ = load_vocabulary(_repo(tmp_path, GROUPINGS))
        chain = ["brest", "epci-242900314", "pays-d-iroise-et-brest", "finistere", "bretagne"]
        for ref in ("brest", "commune:29019", "commune-29019"):
            assert chain == [t.id for t in vocabulary.ancestors(ref)], ref
        assert 48.3904 == vocabulary.location("commune:29019").lat  # type: ignore[union-attr]

    def test_a_grouping_lies_in_what_holds_all_its_members(self, tmp_path: Path) -> None:
        """No ``parent`` given: the pays is in Finistère, where all its members are; an older
        entry with a ``parent`` keeps it."""
        vocabulary, _ = load_vocabulary(_repo(tmp_path, GROUPINGS))
        assert ["pays-d-iroise-et-brest", "finistere", "bretagne"] == [
            t.id for t in vocabulary.ancestors("pays-d-iroise-et-brest")]
        assert ["ancien-quartier", "pays-d-iroise-et-brest", "finistere", "bretagne"] == [
            t.id for t in vocabulary.ancestors("ancien-quartier")]

    def test_a_commune_outside_bretagne(self, tmp_path: Path) -> None:
        """Bordeaux, in no hand-made entry: its métropole, Gironde, Nouvelle-Aquitaine."""
        vocabulary, _ = load_vocabulary(_repo(tmp_path, GROUPINGS))
        chain = vocabulary.ancestors("commune:33063")
        assert ["Bordeaux", "Bordeaux Métropole", "Gironde", "Nouvelle-Aquitaine"] == [t.label for t in chain]
        assert ["commune", "epci", "departement", "region"] == [t.kind.value for t in chain]
        assert None is vocabulary.location("commune:33063")  # the package has no coordinates

    def test_an_epci_over_several_departements_does_not_move_its_communes(self, tmp_path: Path) -> None:
        """The Métropole du Grand Paris spans six départements; Paris is in Paris only."""
        vocabulary, _ = load_vocabulary(_repo(tmp_path, GROUPINGS))
        assert ["commune-75056", "epci-200054781", "departement-75", "region-11"] == [
            t.id for t in vocabulary.ancestors("commune:75056")]
        assert 6 == sum(t.kind.value == "departement" for t in vocabulary.ancestors("epci:200054781"))

    def test_lookups_survive_pickling_and_changes(self, tmp_path: Path) -> None:
        """Worker processes receive the vocabulary pickled; an entry added later is seen."""
        vocabulary, _ = load_vocabulary(_repo(tmp_path, GROUPINGS))
        territories = pickle.loads(pickle.dumps(vocabulary.territories))
        assert "commune:29190" in territories and "brest" == territories["commune:29019"].id
        assert 5 == len(territories) and "commune-29190" not in list(territories)
        assert "pays-d-iroise-et-brest" in [t.id for t in territories.ancestors("commune:29190")]
        assert "pays-d-iroise-et-brest" not in [t.id for t in territories.ancestors("commune:29124")]
        entry = territories["brest"].model_copy(update={"id": "lesneven", "label": "Lesneven",
                                                        "code": "commune:29124"})
        territories["lesneven"] = entry
        assert "lesneven" == territories["commune:29124"].id


class TestVocabularyProblems:
    def test_every_wrong_code_and_member_is_located(self, tmp_path: Path) -> None:
        """Unknown code (R241), a kind that contradicts the code and a code with a parent
        (R246), a code given twice (R244), an id that reads as an official one (R245), a member
        that does not exist (R243) or is too wide (R246): all in one run."""
        text = GROUPINGS + """\
- id: nulle-part
  label: Nulle part
  kind: commune
  code: commune:99999
- id: faux-departement
  label: Faux
  kind: departement
  code: commune:29190
- id: brest-bis
  label: Brest encore
  kind: commune
  code: commune:29019
  parent: finistere
- id: commune-29190
  label: Plougonvelin
  kind: commune
- id: pays-trop-vaste
  label: Pays trop vaste
  kind: pays
  members:
    - epci:999999999
    - departement:29
- id: plouarzel
  label: Plouarzel
  kind: commune
  members: [commune:29177]
"""
        _, problems = load_vocabulary(_repo(tmp_path, text))
        found = sorted((p.code.name, p.line) for p in problems)
        assert [("R241", 27), ("R243", 44), ("R244", 35), ("R245", 37), ("R246", 31), ("R246", 36),
                ("R246", 45), ("R246", 49)] == found
        assert all(p.is_error for p in problems)

    def test_a_former_commune_code_is_a_warning_naming_the_commune_now(self, tmp_path: Path) -> None:
        """29096 (Lambézellec) merged into Brest: read, with a warning giving the code to write."""
        text = GROUPINGS.replace("code: commune:29019", "code: commune:29096")
        vocabulary, problems = load_vocabulary(_repo(tmp_path, text))
        assert [("R242", "warning")] == [(p.code.name, p.severity.value) for p in problems]
        assert "commune:29019" in problems[0].hint
        assert "brest" == vocabulary.territories["commune:29019"].id


class TestRecipeTerritories:
    @pytest.fixture
    def root(self, tmp_path: Path) -> Path:
        root = _repo(tmp_path, GROUPINGS)
        add_ambassador(root, "collectif", "Collectif")
        return root

    def test_any_official_place_is_accepted(self, root: Path) -> None:
        """A commune of Bretagne in no hand-made entry, one elsewhere, an EPCI, a département
        of Corse and a région: no problem; a readable id and its code too."""
        for index, place in enumerate(["commune:29190", "commune:33063", "epci:242900074", "departement:2A",
                                       "region:53", "brest", "commune:29019"]):
            add_recipe(root, f"r{index}", title=f"Recette {index}", place=place)
        assert [] == _codes(root)

    @pytest.mark.parametrize(("place", "code", "expected"), [
        ("Plougonvelin", "R014", "« commune:29190 » pour Plougonvelin (commune, Finistère)"),
        ("plougonvelen", "R014", "« commune:29190 » pour Plougonvelin (commune, Finistère)"),
        ("saint-denis", "R240", "« commune:97411 » pour Saint-Denis (commune, La Réunion)"),
        ("commune:29810", "R241", "29810 est un code postal"),
        ("commune:99999", "R241", "Code officiel géographique"),
        ("departement:99", "R241", "2A"),
        ("zzqxw", "R014", "commune:29190 (code INSEE)"),
    ])
    def test_unknown_places_say_what_to_write(self, root: Path, place: str, code: str, expected: str) -> None:
        """A name (exact or misspelt) gets the code to write; a name several communes bear
        lists them with their département; a postcode is recognised as one."""
        add_recipe(root, "r", place=place)
        [(found, line, severity, text)] = _codes(root)
        assert (code, 8, "error") == (found, line, severity)
        assert expected in text, text

    def test_homonyms_are_all_listed(self, root: Path) -> None:
        """Twelve communes are named Sainte-Colombe: eight shown, and the count of the others."""
        add_recipe(root, "r", place="sainte-colombe")
        [(_, _, _, text)] = _codes(root)
        assert "12 territoires" in text and "et 4 autres" in text

    def test_a_former_commune_code_is_a_warning(self, root: Path) -> None:
        add_recipe(root, "r", place="commune:29096")
        assert [("R242", 8, "warning")] == [c[:3] for c in _codes(root)]

    def test_ambassadors_name_territories_the_same_way(self, root: Path) -> None:
        """A fiche's ``territory`` takes official codes too, with the same explanations."""
        folder = root / "ambassadors"
        for ident, place in [("ici", "commune:29190"), ("homonyme", "saint-denis")]:
            (folder / f"{ident}.yml").write_text(
                f"schema_version: 1\nname: Nom {ident}\nkind: organisation\nterritory: {place}\n", encoding="utf-8")
        _, report = validate_repository(root)
        assert [("ambassadors/homonyme.yml", "R240", 4)] == [
            (p.path, p.code.name, p.line) for p in report.problems if p.path.startswith("ambassadors/")]

