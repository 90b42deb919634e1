"""Merging the vocabularies of a network: one entry per id with one meaning, else an error
naming both repositories at the second definition."""

from __future__ import annotations

import shutil
from pathlib import Path

from recettes.core.problems import Code
from recettes.read.vocabulary import load_vocabulary
from recettes.read.vocabulary_merge import VocabularyPart, merge_vocabularies
from tests.support.network import MINI


def part(tmp_path: Path, name: str, territories: str = "", themes: str = "",
         relabel: tuple[str, str] | None = None) -> VocabularyPart:
    root = tmp_path / name
    shutil.copytree(MINI, root)
    vocab = root / "schema" / "vocabularies"
    if relabel is not None:
        text = (vocab / "themes.yml").read_text(encoding="utf-8")
        (vocab / "themes.yml").write_text(text.replace(*relabel), encoding="utf-8")
    for file, extra in (("territories.yml", territories), ("themes.yml", themes)):
        with (vocab / file).open("a", encoding="utf-8") as stream:
            stream.write(extra)
    vocabulary, problems = load_vocabulary(root)
    assert [] == problems
    return VocabularyPart(f"la source «\u00a0{name}\u00a0»", root, f".recettes/reseau/{name}/", vocabulary)


class TestMerge:
    def test_union_of_ids_with_the_same_meaning(self, tmp_path: Path) -> None:
        """Same label (accents, case and spaces aside), kind and parent: one entry; new ids added."""
        one = part(tmp_path, "brest", themes="- id: velo\n  label: Vélo\n")
        two = part(tmp_path, "morlaix", territories="- id: morlaix\n  label: Morlaix\n  kind: commune\n"
                   "  parent: finistere\n", themes="- id: velo\n  label: VELO\n  description: Autre texte.\n")
        merged, problems = merge_vocabularies([one, two])
        assert [] == problems
        assert "Vélo" == merged.themes["velo"].label  # the first definition wins
        assert ["morlaix", "finistere", "bretagne"] == [t.id for t in merged.ancestors("morlaix")]

    def test_same_id_other_meaning_is_an_error_naming_both(self, tmp_path: Path) -> None:
        one = part(tmp_path, "brest", territories="- id: landerneau\n  label: Landerneau\n  kind: commune\n"
                   "  parent: pays-de-brest\n")
        two = part(tmp_path, "morlaix", territories="- id: landerneau\n  label: Landerneau\n  kind: commune\n"
                   "  parent: finistere\n", relabel=("label: Alimentation", "label: Agriculture"))
        merged, problems = merge_vocabularies([one, two])
        assert [Code.R224, Code.R224] == [p.code for p in problems]
        place, theme = sorted(problems, key=lambda p: p.path)
        assert ".recettes/reseau/morlaix/schema/vocabularies/themes.yml" == theme.path
        assert "thématique «\u00a0alimentation\u00a0»\u00a0: «\u00a0Alimentation\u00a0» dans la source «\u00a0brest\u00a0», mais " \
               "«\u00a0Agriculture\u00a0» dans la source «\u00a0morlaix\u00a0»" == theme.message
        assert (theme.line, theme.column) == (1, 7)  # « id: alimentation » in morlaix's file
        assert "(commune dans pays-de-brest)" in place.message and "(commune dans finistere)" in place.message
        assert "Alimentation" == merged.themes["alimentation"].label

    def test_same_id_other_official_code_is_an_error(self, tmp_path: Path) -> None:
        """Two sources naming « plouzane » after two different communes: not one territory."""
        one = part(tmp_path, "brest", territories="- id: plouzane\n  label: Plouzané\n  kind: commune\n"
                   "  code: commune:29212\n")
        two = part(tmp_path, "morlaix", territories="- id: plouzane\n  label: Plouzané\n  kind: commune\n"
                   "  code: commune:29019\n")
        same = part(tmp_path, "iroise", territories="- id: plouzane\n  label: PLOUZANÉ\n  kind: commune\n"
                    "  code: commune:29212\n")
        merged, problems = merge_vocabularies([one, two, same])
        assert [Code.R224] == [p.code for p in problems]
        assert "commune:29212" in problems[0].message and "commune:29019" in problems[0].message
        assert ".recettes/reseau/morlaix/" in problems[0].path
        assert "commune:29212" == merged.territories["plouzane"].code
