"""Reading network.yml and network.lock.yml: located problems, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recettes.core.network import Lock, LockedSource
from recettes.core.problems import Code
from recettes.read.checks import validate_repository
from recettes.read.network import dump_lock, load_lock, load_network
from tests.conftest import make_repo

GOOD = """sources:
  - id: brest
    label: Pays de Brest
    url: ../brest
    ref: v1
    territory: pays-de-brest
  - id: morlaix
    label: Pays de Morlaix
    url: https://forge.example/morlaix/recettes.git
    ref: main
    territory: finistere
    history: false
ambassadors:
  - [local:marie-le-gall, brest:marie]
"""


def write(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "network.yml").write_text(text, encoding="utf-8")
    return root


class TestNetworkFile:
    def test_valid_file(self, tmp_path: Path) -> None:
        network, problems = load_network(write(tmp_path, GOOD))
        assert [] == problems and network is not None
        assert ["brest", "morlaix"] == [s.id for s in network.sources]
        assert [("local", "marie-le-gall"), ("brest", "marie")] == [(m.source, m.id) for m in network.groups[0]]
        assert (8, 12) == network.position("morlaix", "label")

    def test_no_file_is_no_network(self, tmp_path: Path) -> None:
        assert (None, []) == load_network(tmp_path)

    def test_every_problem_at_once_with_its_place(self, tmp_path: Path) -> None:
        """Unknown key, missing key and a bad url, each located, in one run."""
        text = GOOD.replace("    territory: pays-de-brest\n", "    territoire: brest\n") \
            .replace("https://forge.example/morlaix/recettes.git", "ext::sh -c id")
        network, problems = load_network(write(tmp_path, text))
        assert network is None
        shown = sorted((p.line, p.code, p.message.split(" ")[0]) for p in problems)
        assert [(2, Code.R220, "clé"), (6, Code.R220, "clé"), (9, Code.R220, "«")] == shown
        assert all(p.path == "network.yml" and p.hint for p in problems)

    def test_duplicate_and_reserved_source_ids(self, tmp_path: Path) -> None:
        text = GOOD.replace("id: morlaix", "id: brest").replace("ambassadors:\n  - [local:marie-le-gall, brest:marie]\n", "")
        text += "  - id: local\n    label: Ici\n    url: ../ici\n    ref: v1\n    territory: brest\n"
        network, problems = load_network(write(tmp_path, text.replace("ambassadors:\n", "")))
        assert network is None
        assert ["source «\u00a0brest\u00a0» en double", "«\u00a0local\u00a0» est réservé au dépôt régional lui-même"] == \
            [p.message for p in problems]
        assert [7, 13] == [p.line for p in problems]

    @pytest.mark.parametrize(("group", "message"), [
        ("[local:marie, marie]", "«\u00a0marie\u00a0» n’est pas de la forme source:identifiant"),
        ("[local:marie, bres:marie]", "source «\u00a0bres\u00a0» inconnue"),
        ("[local:marie]", "au moins 2 éléments attendus"),
    ])
    def test_identity_groups(self, tmp_path: Path, group: str, message: str) -> None:
        text = GOOD.replace("[local:marie-le-gall, brest:marie]", group)
        _, problems = load_network(write(tmp_path, text))
        assert [message] == [re.split("[ \u00a0]: ", p.message)[-1] for p in problems]
        assert problems[0].code in (Code.R225, Code.R220) and problems[0].line == 14

    def test_a_file_in_two_groups(self, tmp_path: Path) -> None:
        text = GOOD + "  - [brest:marie, morlaix:marie]\n"
        _, problems = load_network(write(tmp_path, text))
        assert ["«\u00a0brest:marie\u00a0» est déjà dans le groupe 1"] == [p.message for p in problems]
        assert (Code.R225, 15, 6) == (problems[0].code, problems[0].line, problems[0].column)

    def test_validate_reports_network_problems(self, tmp_path: Path) -> None:
        """« recettes validate » reads network.yml like every other file."""
        root = make_repo(tmp_path / "depot")
        write(root, "sources: []\n")
        _, report = validate_repository(root)
        assert ["network.yml:1:10: R220 « sources » : au moins 1 élément attendu"] == \
            [f"{p.location()}: {p.code.name} {p.message}" for p in report.problems if p.path == "network.yml"]


class TestLock:
    def test_round_trip(self, tmp_path: Path) -> None:
        lock = Lock({"brest": LockedSource("brest", '../a "b"', "v1", "a" * 40, True, {"compost": "b" * 40}),
                     "morlaix": LockedSource("morlaix", "../m", "main", "c" * 40, False, {})})
        (tmp_path / "network.lock.yml").write_text(dump_lock(lock), encoding="utf-8")
        read, problems = load_lock(tmp_path)
        assert [] == problems
        assert lock == read and {"compost": "b" * 40} == read.sources["brest"].recipes

    @pytest.mark.parametrize("text", ["version: 2\nsources: {}\n", "[1, 2", "version: 1\nsources:\n  brest: 3\n",
                                      "version: 1\nsources:\n  brest: {url: x, ref: y, commit: nothex}\n"])
    def test_unreadable_lock_says_to_update_again(self, tmp_path: Path, text: str) -> None:
        (tmp_path / "network.lock.yml").write_text(text, encoding="utf-8")
        lock, problems = load_lock(tmp_path)
        assert {} == lock.sources
        assert problems and all(p.code is Code.R226 and "recettes network update" in p.hint for p in problems)
