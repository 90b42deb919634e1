"""Pages: the handbook as plain Markdown pages, built from a fixture catalog (no MkDocs)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from recettes.catalog.catalog import Catalog
from recettes.read.checks import validate_repository
from recettes.site.page import Options
from recettes.site.pages import build_pages

FIXTURE = Path(__file__).parents[1] / "data" / "site"


@pytest.fixture(scope="module")
def pages() -> dict[str, object]:
    repo, _ = validate_repository(FIXTURE)
    options = Options(site_url="https://guide.example/", edit_url_template="https://forge.example/e/{slug}/")
    return {page.src_uri: page for page in build_pages(Catalog.build(repo), options)}


class TestAddresses:
    def test_every_kind_of_page(self, pages) -> None:  # type: ignore[no-untyped-def]
        """Home, indexes, « Utilité sociale », « Recettes à compléter », and one page per recipe,
        ambassador, theme and territory in use."""
        assert {"index.md", "recettes/index.md", "thematiques/index.md", "territoires/index.md", "utilite-sociale/index.md",
                "ambassadeurs/index.md", "a-completer/index.md", "recettes/compost-partage/index.md",
                "recettes/compost-rural/index.md",
                "recettes/repair-cafe/index.md", "ambassadeurs/marie-le-gall.md", "ambassadeurs/atelier-velo.md",
                "thematiques/alimentation.md", "thematiques/economie-circulaire.md", "thematiques/habitat.md",
                "thematiques/mobilite.md", "territoires/bretagne.md", "territoires/finistere.md",
                "territoires/pays-de-brest.md", "territoires/brest.md", "territoires/plouarzel.md"} == set(pages)


class TestRecipePage:
    def test_front_matter_is_plain(self, pages) -> None:  # type: ignore[no-untyped-def]
        """Title, tags and edit link go into front matter."""
        page = pages["recettes/compost-partage/index.md"]
        front = yaml.safe_load(page.text().split("---")[1])
        assert "Compost partagé en pied d'immeuble" == front["title"]
        assert ["Alimentation", "Habitat"] == front["tags"]
        assert "https://forge.example/e/compost-partage/" == front["edit_url"]

    def test_sections_in_order_with_fixed_anchors(self, pages) -> None:  # type: ignore[no-untyped-def]
        """The four sections under their French headings; how-to steps are numbered."""
        text = pages["recettes/compost-partage/index.md"].markdown
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert ["## Comment faire {#comment-faire}",
                "## Freins {#freins}", "## Facilitations {#facilitations}",
                "## Conditions de reproductibilité {#conditions-de-reproductibilite}",
                "## Utilité sociale {#utilite-sociale}", "## Adaptée par {#adaptee-par}", "## Liens {#liens}",
                "## Crédits {#credits}", "## Réutiliser cette recette {#reutiliser .recettes-hors-recherche}"] == headings
        assert "### 1\\. Réunir les voisin·es" in text and "### 2\\. Installer les bacs" in text

    def test_links_resolved(self, pages) -> None:  # type: ignore[no-untyped-def]
        """recette: and ambassadeur: become relative links to the pages."""
        text = pages["recettes/compost-partage/index.md"].markdown
        assert "[la version rurale](../compost-rural/index.md)" in text
        assert "[Marie](../../ambassadeurs/marie-le-gall.md)" in text

    def test_media_listed(self, pages) -> None:  # type: ignore[no-untyped-def]
        """The recipe's media are published with it."""
        assert {"media/composteur.png": "media/composteur.png"} == pages["recettes/compost-partage/index.md"].media

    def test_archived_banner_and_lineage(self, pages) -> None:  # type: ignore[no-untyped-def]
        """An archived recipe has a banner; an adaptation names its origin and what changed."""
        assert '!!! warning "Recette archivée"' in pages["recettes/repair-cafe/index.md"].markdown
        rural = pages["recettes/compost-rural/index.md"].markdown
        assert "adaptée de [Compost partagé en pied d'immeuble](../compost-partage/index.md)" in rural


class TestOtherPages:
    def test_ambassador_contact_needs_consent(self, pages) -> None:  # type: ignore[no-untyped-def]
        """Contact details show only with consent; without, the section says how to reach them."""
        assert "mailto:marie@example.org" in pages["ambassadeurs/marie-le-gall.md"].markdown
        atelier = pages["ambassadeurs/atelier-velo.md"].markdown
        assert "mailto:" not in atelier and "Courriel" not in atelier
        assert "Ses coordonnées ne sont pas publiées" in atelier

    def test_territory_nesting(self, pages) -> None:  # type: ignore[no-untyped-def]
        """A pays lists its communes and is placed in its département and région."""
        text = pages["territoires/pays-de-brest.md"].markdown
        assert "[Finistère](finistere.md), [Bretagne](bretagne.md)" in text
        assert "- [Brest](brest.md) — 1 recette" in text

    def test_home_counts(self, pages) -> None:  # type: ignore[no-untyped-def]
        """The home page gives the network in numbers."""
        text = pages["index.md"].markdown
        assert "[3 recettes](recettes/index.md)" in text and "[2 ambassadeur·rices](ambassadeurs/index.md)" in text
