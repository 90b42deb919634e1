"""core.licences: the one table of licences (ids, names, French deeds, canonical addresses) and
what may be combined into the handbook's collection."""

from __future__ import annotations

import re

import pytest

from recettes.core.licences import (
    DEFAULT_LICENCE,
    LICENCES,
    Licence,
    combinable_into,
    licence,
    licence_clues,
    may_redistribute,
    most_restrictive,
    print_terms,
    spdx_id,
)

CC_ID = re.compile(r"CC-(?P<kind>[A-Z-]+)-(?P<version>\d\.\d)")


def canonical_cc_url(ident: str) -> str:
    """The legal-code address Creative Commons gives a licence, derived from its SPDX id."""
    if ident.startswith("CC0-"):
        return f"https://creativecommons.org/publicdomain/zero/{ident.removeprefix('CC0-')}/"
    match = CC_ID.fullmatch(ident)
    assert match, ident
    return f"https://creativecommons.org/licenses/{match['kind'].lower()}/{match['version']}/"


class TestTable:
    def test_keys_are_the_ids_and_names_are_unique(self) -> None:
        assert list(LICENCES) == [item.id for item in LICENCES.values()]
        assert len(LICENCES) == len({item.name for item in LICENCES.values()})

    def test_the_default_is_known(self) -> None:
        """A recipe that names no licence is under CC BY-SA 4.0, which the table describes."""
        assert "CC-BY-SA-4.0" == DEFAULT_LICENCE
        assert "CC BY-SA 4.0" == LICENCES[DEFAULT_LICENCE].name

    @pytest.mark.parametrize("ident", sorted(LICENCES))
    def test_every_licence_has_a_french_deed_and_a_canonical_address(self, ident: str) -> None:
        """Readers get the French summary; machines (schema.org ``license``) the legal code."""
        item = LICENCES[ident]
        assert item.deed.startswith("https://") and item.url.startswith("https://") and item.url.endswith("/")
        if ident.startswith("CC"):
            assert canonical_cc_url(ident) == item.url
            assert item.url + "deed.fr" == item.deed
        else:  # the Licence Art Libre is French: its own page is the deed and the reference
            assert ("LAL-1.3", "https://artlibre.org/licence/lal/") == (ident, item.url)
            assert item.url == item.deed

    def test_the_address_helper_catches_a_wrong_version(self) -> None:
        """The derivation above would flag a 4.0 licence pointing at the 3.0 text."""
        assert "https://creativecommons.org/licenses/by-sa/3.0/" != canonical_cc_url("CC-BY-SA-4.0")
        assert "https://creativecommons.org/publicdomain/zero/1.0/" == canonical_cc_url("CC0-1.0")


class TestLookup:
    def test_a_known_id_gives_the_table_entry(self) -> None:
        assert LICENCES["CC0-1.0"] is licence("CC0-1.0")

    def test_an_unknown_id_is_named_by_its_id_without_address(self) -> None:
        """A licence we do not know is still shown by its id, but never linked."""
        assert Licence("Maison-1.0", "Maison-1.0", "", "", known=False) == licence("Maison-1.0")


class TestCombinable:
    def test_the_collection_may_include_cc0_and_by(self) -> None:
        allowed = combinable_into("CC-BY-SA-4.0")
        assert {"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0"} <= allowed

    @pytest.mark.parametrize("ident", ["CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-SA-4.0", "Propriétaire", ""])
    def test_unknown_or_restrictive_licences_are_not_combinable(self, ident: str) -> None:
        assert ident not in combinable_into("CC-BY-SA-4.0")

    def test_share_alike_works_join_by_their_later_or_declared_compatible_versions(self) -> None:
        """BY-SA 3.0 (§ 4 b: a later version) and the Licence Art Libre 1.3 (declared compatible)
        join a BY-SA 4.0 collection; a BY-SA 4.0 recipe joins an Art Libre one, not a BY-SA 3.0 one."""
        assert {"CC-BY-SA-3.0", "LAL-1.3"} <= combinable_into("CC-BY-SA-4.0")
        assert "CC-BY-SA-4.0" in combinable_into("LAL-1.3")
        assert "CC-BY-SA-4.0" not in combinable_into("CC-BY-SA-3.0")

    def test_a_cc_by_collection_takes_attribution_only_and_public_domain_works(self) -> None:
        """A share-alike recipe cannot be offered under CC BY (it would drop « same licence »)."""
        assert frozenset({"CC-BY-4.0", "CC-BY-3.0", "CC0-1.0"}) == combinable_into("CC-BY-4.0")

    def test_a_public_domain_collection_takes_only_public_domain_works(self) -> None:
        assert frozenset({"CC0-1.0"}) == combinable_into("CC0-1.0")

    @pytest.mark.parametrize("collection", ["CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "Maison-1.0"])
    def test_a_collection_that_is_not_free_or_unknown_takes_nothing(self, collection: str) -> None:
        """NC and ND recipes never enter a combined file, and no combined file is NC or ND."""
        assert frozenset() == combinable_into(collection)


class TestEvidence:
    @pytest.mark.parametrize(("text", "names"), [
        ("sous licence Creative Commons BY-NC-SA", ["CC BY-NC-SA"]),
        ("Licence : CC-BY-SA 4.0", ["CC BY-SA 4.0"]),
        ("cc by nc nd 3.0", ["CC BY-NC-ND 3.0"]),
        ("Attribution-ShareAlike 4.0 International", ["CC BY-SA 4.0"]),
        ("Creative Commons Attribution - Pas d’Utilisation Commerciale 4.0", ["CC BY-NC 4.0"]),
        ("publié en CC0", ["CC0"]),
        ("sous licence Art Libre 1.3", ["Licence Art Libre 1.3"]),
        ("Creative Commons, sans plus de précision", []),
        ("texte versé au domaine public", []),
        ("un accord (CC) entre communes", []),
    ])
    def test_clues_say_what_the_text_says(self, text: str, names: list[str]) -> None:
        """Terms and version as written; nothing for a bare « Creative Commons » or the public domain."""
        assert names == [clue.name for clue in licence_clues(text)]

    def test_most_restrictive_is_the_union_of_terms(self) -> None:
        chosen = most_restrictive(licence_clues("CC BY-SA ; CC BY-NC-SA ; CC BY"))
        assert chosen is not None and "CC BY-NC-SA" == chosen.name

    def test_no_derivatives_makes_share_alike_moot(self) -> None:
        chosen = most_restrictive(licence_clues("CC BY-SA 4.0 ; CC BY-ND 4.0"))
        assert chosen is not None and "CC BY-ND 4.0" == chosen.name

    def test_a_version_is_kept_only_when_the_clues_agree(self) -> None:
        """Versions 3.0 and 4.0 of the same terms: no version is chosen for the person."""
        disagree = most_restrictive(licence_clues("CC BY-SA 3.0 ; CC BY-SA 4.0"))
        assert disagree is not None and None is disagree.version
        assert None is spdx_id(disagree)
        assert "CC-BY-SA-3.0" == spdx_id(disagree, "3.0")

    def test_a_stated_version_wins_over_the_option(self) -> None:
        chosen = most_restrictive(licence_clues("CC BY-NC-SA 3.0"))
        assert chosen is not None and "CC-BY-NC-SA-3.0" == spdx_id(chosen, "4.0")

    def test_cc0_and_art_libre(self) -> None:
        assert "CC0-1.0" == spdx_id(licence_clues("CC0")[0])
        assert "LAL-1.3" == spdx_id(licence_clues("Licence Art Libre 1.3")[0])
        assert None is most_restrictive([])


class TestPrinting:
    """What may be printed and handed out, and what a recueil lets its readers do."""

    @pytest.mark.parametrize("ident", sorted(LICENCES))
    def test_every_known_licence_allows_verbatim_copies(self, ident: str) -> None:
        assert may_redistribute(ident)

    @pytest.mark.parametrize("ident", ["LicenseRef-maison", "proprietary", "CC-BY-SA-5.0"])
    def test_an_unknown_licence_is_not_printed(self, ident: str) -> None:
        assert not may_redistribute(ident)

    def test_a_free_recueil_allows_commercial_copies(self) -> None:
        assert print_terms(["CC-BY-SA-4.0", "CC0-1.0", "CC-BY-ND-4.0"]).endswith("y compris à des fins commerciales.")

    def test_one_non_commercial_recipe_makes_the_recueil_non_commercial(self) -> None:
        text = print_terms(["CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-4.0"])
        assert text.endswith("à des fins non commerciales seulement (licences CC BY-NC 4.0, CC BY-NC-ND 4.0).")
