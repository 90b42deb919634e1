"""The network's pure rules: addresses of a source's recipes, what network.yml accepts, edit links."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from recettes.core.network import (
    Origin,
    Provenance,
    SourceSpec,
    is_git_address,
    public_address,
    split_member,
    union_name,
)

SPEC = {"id": "brest", "label": "Pays de Brest", "url": "../brest", "ref": "v1", "territory": "pays-de-brest"}


class TestUnionName:
    def test_a_free_name_is_kept(self) -> None:
        """No collision: the source's own name."""
        taken = {"compost"}
        assert "velo" == union_name("velo", "brest", taken)
        assert {"compost", "velo"} == taken

    def test_a_taken_name_gets_the_source_then_a_counter(self) -> None:
        """Deterministic, never an overwrite, even when the suffixed name is taken too."""
        taken = {"compost", "compost-brest"}
        assert "compost-brest-2" == union_name("compost", "brest", taken)
        assert "compost-brest-3" == union_name("compost", "brest", taken)


class TestSourceSpec:
    def test_valid_source(self) -> None:
        spec = SourceSpec.model_validate(SPEC | {"edit_url": "https://forge.example/{path}"})
        assert not spec.is_remote and "" == spec.public_url and spec.history

    @pytest.mark.parametrize("url", ["-uhack", "ext::sh -c touch% /tmp/x", "ftp://example.org/r.git",
                                     "https://example.org/\nrepo", "https://example.org/a b"])
    def test_dangerous_or_unknown_transports_are_refused(self, url: str) -> None:
        with pytest.raises(ValidationError):
            SourceSpec.model_validate(SPEC | {"url": url})

    @pytest.mark.parametrize("url", ["https://forge.example/brest/recettes.git", "git@forge.example:brest/r.git",
                                     "ssh://git@forge.example/brest/r.git"])
    def test_remote_addresses(self, url: str) -> None:
        spec = SourceSpec.model_validate(SPEC | {"url": url})
        assert spec.is_remote
        assert spec.public_url == (url if url.startswith("https://") else "")

    @pytest.mark.parametrize(("url", "shown"), [
        ("https://jeton:x-oauth@forge.example/brest/r.git", "https://forge.example/brest/r.git"),
        ("https://anne@forge.example/brest/r.git", "https://forge.example/brest/r.git"),
        ("http://a:b@forge.example/r", "http://forge.example/r"),
    ])
    def test_pages_never_show_a_user_or_token(self, url: str, shown: str) -> None:
        """What the provenance of a page shows (``public_url``) and what an import writes
        (``public_address``): one rule."""
        assert shown == SourceSpec.model_validate(SPEC | {"url": url}).public_url == public_address(url)

    @pytest.mark.parametrize("ref", ["-b", "a..b", "v1/", "abc1234", "main@{1}", "x y"])
    def test_refs_that_git_would_misread_are_refused(self, ref: str) -> None:
        """Options, ranges, reflog syntax, and abbreviated commits (a pin is the full id)."""
        with pytest.raises(ValidationError):
            SourceSpec.model_validate(SPEC | {"ref": ref})

    @pytest.mark.parametrize("ref", ["v2.1.0", "main", "release/2026", "a" * 40])
    def test_tags_branches_and_full_commits(self, ref: str) -> None:
        assert ref == SourceSpec.model_validate(SPEC | {"ref": ref}).ref

    @pytest.mark.parametrize("template", ["javascript:alert(1)//{path}", "https://forge.example/{secret}",
                                          "https://forge.example/{path"])
    def test_edit_templates_are_web_addresses_with_known_placeholders(self, template: str) -> None:
        with pytest.raises(ValidationError):
            SourceSpec.model_validate(SPEC | {"edit_url": template})


def test_edit_link_fills_every_placeholder() -> None:
    provenance = Provenance("brest", "Pays de Brest", "pays-de-brest", "", "v1", "c" * 40,
                            "https://forge.example/{ref}/{commit}/{path}?s={slug}&f={file}")
    link = Origin(provenance, "compost", "recipes/compost/recipe.md").edit_link()
    assert f"https://forge.example/v1/{'c' * 40}/recipes/compost/recipe.md?s=compost&f=recipe.md" == link
    assert "" == Origin(Provenance("b", "B", "t", "", "v1", "c" * 40), "x", "recipes/x/recipe.md").edit_link()


@pytest.mark.parametrize(("member", "parts"), [("brest:marie", ("brest", "marie")),
                                                ("local: marie ", ("local", "marie")),
                                                ("marie", None), (":marie", None), ("brest:", None)])
def test_split_member(member: str, parts: tuple[str, str] | None) -> None:
    assert parts == split_member(member)


class TestAddresses:
    @pytest.mark.parametrize("text", ["https://forge.example.org/a/b.git", "ssh://git@forge.example.org/a/b",
                                      "git@forge.example.org:a/b.git", "file:///srv/fiches",
                                      "FILE:///srv/r", "ssh://forge.example/r"])
    def test_addresses(self, text: str) -> None:
        assert is_git_address(text)

    @pytest.mark.parametrize("text", ["fiches", "../anciennes-fiches", "/srv/fiches", "C:\\\\fiches", "a@b",
                                      "fiches/mon@fichier.md", "C:/fiches"])
    def test_paths(self, text: str) -> None:
        assert not is_git_address(text)

    def test_credentials_never_kept(self) -> None:
        assert "https://forge.example.org/a.git" == public_address("https://alice:s3cret@forge.example.org/a.git")
        assert "git@forge.example.org:a.git" == public_address("git@forge.example.org:a.git")
