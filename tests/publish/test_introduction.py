"""« Demander une mise en relation »: the address template and the link it makes (publish.introduction)."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from recettes.publish.introduction import (
    FORGE,
    Contactee,
    IntroductionError,
    Request,
    check_template,
    introduction_link,
    resolve_template,
)

MAILTO = "mailto:animation@reseau.example?subject={title}&body={body}"
ISSUE = "https://forge.example/reseau/contacts/issues/new?title={title}&body={body}"
ANNE = Contactee("https://guide.example/ambassadeurs/anne-essai/", "Anne Essai")
UNNAMED = Contactee("https://guide.example/ambassadeurs/porteur-2/")


class TestTemplate:
    @pytest.mark.parametrize("template", ["", FORGE, MAILTO, ISSUE, "https://formulaire.example/demande?fiche={page}",
                                          "http://reseau.example/contact?r={recipe}&p={page}", "https://a.example/{{x}}"])
    def test_accepted(self, template: str) -> None:
        """Empty, ``forge``, or an https/http/mailto address with known placeholders."""
        assert template == check_template(f"  {template} ")

    @pytest.mark.parametrize(("template", "message"), [
        ("ftp://reseau.example/{title}", "n’est ni une adresse en https://, http:// ou mailto:, ni « forge »"),
        ("javascript:alert(1)", "n’est ni une adresse"),
        ("reseau.example/contact", "n’est ni une adresse"),
        ("https://reseau.example/?q={nom}", "« {nom} » inconnu"),
        ("https://reseau.example/?q={title!r}", "« {title!r} » inconnu"),
        ("https://reseau.example/?q={title:>9}", "« {title:>9} » inconnu"),
        ("https://reseau.example/?q={0}", "« {0} » inconnu"),
        ("https://reseau.example/?q={title", "accolade seule"),
        ("https://reseau.example/?q=}", "accolade seule"),
        ("https://reseau.example/a b", "caractère « "),
        ("https://reseau.example/a)", "caractère « ) »"),
        ("https:///{title}", "n’a pas de nom de serveur"),
    ])
    def test_refused_in_french(self, template: str, message: str) -> None:
        with pytest.raises(IntroductionError) as caught:
            check_template(template)
        assert message in _plain(str(caught.value))
        assert " :" not in str(caught.value) and "« " not in str(caught.value)  # French spaces

    @pytest.mark.parametrize(("repo_url", "backend", "expected"), [
        ("https://github.com/reseau/guide", "", "https://github.com/reseau/guide/issues/new?title={title}&body={body}"),
        ("https://gitlab.com/reseau/guide.git", "",
         "https://gitlab.com/reseau/guide/-/issues/new?issue%5Btitle%5D={title}&issue%5Bdescription%5D={body}"),
        ("https://codeberg.org/reseau/guide", "", "https://codeberg.org/reseau/guide/issues/new?title={title}&body={body}"),
        ("https://forge.example.org/reseau/guide", "gitea",
         "https://forge.example.org/reseau/guide/issues/new?title={title}&body={body}"),
    ])
    def test_forge_is_the_repository_s_new_issue_page(self, repo_url: str, backend: str, expected: str) -> None:
        assert expected == resolve_template(FORGE, repo_url, backend)

    @pytest.mark.parametrize("repo_url", ["", "https://forge.example.org/reseau/guide"])
    def test_forge_needs_a_known_forge(self, repo_url: str) -> None:
        with pytest.raises(IntroductionError) as caught:
            resolve_template(FORGE, repo_url)
        assert "introduction_url « forge » demande un repo_url sur une forge connue" in _plain(str(caught.value))


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _query(link: str) -> dict[str, str]:
    parts = urlsplit(link)
    return {key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}


class TestLink:
    def test_from_a_recipe_it_names_pages_names_if_published_and_the_recipe(self) -> None:
        """Title and body name the recipe, each person's public page, and only published names."""
        request = Request((ANNE, UNNAMED), "Compost & co #1 ?", "https://guide.example/recettes/compost/")
        link = introduction_link(MAILTO, request)
        assert link.startswith("mailto:animation@reseau.example?subject=")
        query = _query(link)
        assert ["subject", "body"] == list(query)  # « & », « # » and « ? » of the title stayed inside
        assert "Demande de mise en relation au sujet de «\u00a0Compost & co #1 ?\u00a0»" == query["subject"]
        body = query["body"]
        assert ("Je souhaite être mis·e en relation avec Anne Essai (https://guide.example/ambassadeurs/anne-essai/) et "
                "la personne ou l’organisation de la fiche https://guide.example/ambassadeurs/porteur-2/, au sujet de "
                "la recette «\u00a0Compost & co #1 ?\u00a0» (https://guide.example/recettes/compost/).") in body
        assert "ne donne les coordonnées de personne sans son accord" in body  # a private mailbox

    def test_a_public_issue_warns_not_to_write_one_s_own_details(self) -> None:
        query = _query(introduction_link(ISSUE, Request((ANNE,))))
        assert "Demande de mise en relation avec Anne Essai" == query["title"]
        assert "Cette demande est publique\u00a0: n’y écrivez pas vos coordonnées" in query["body"]

    def test_without_a_published_name_the_title_names_nobody(self) -> None:
        query = _query(introduction_link(ISSUE, Request((UNNAMED,))))
        assert "Demande de mise en relation avec un·e ambassadeur·rice du réseau" == query["title"]

    def test_page_and_recipe_placeholders(self) -> None:
        link = introduction_link("https://formulaire.example/demande?fiche={page}&recette={recipe}",
                                 Request((UNNAMED,), "Compost", "https://guide.example/recettes/compost/"))
        assert {"fiche": UNNAMED.page, "recette": "https://guide.example/recettes/compost/"} == _query(link)
        assert unquote(link) == link.replace("%3A", ":").replace("%2F", "/")
