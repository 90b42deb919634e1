"""A repository of made-up people who can or cannot be reached (issue 14: offers, consented
contact, introduction requests, portraits croisés). Every person, address and number is fictional.

- Anne Essai (Brest): consent to name, presentation and contact details; two offers.
- Bruno Secret (Plouarzel): consent to his presentation only — not his name, not his contact
  details, which he also wrote in his presentation and in an offer.
- Chloé Retirée (Brest): consent withdrawn.
- Dora Lointaine (Quimper, far from Brest): her name only; a recipe on the same theme.
- Épicerie d’essai (Saint-Renan, near Brest): an organisation, older ``consent: false`` with an
  e-mail address in ``contact``.
- Fanny Voisine (Plouzané, near Brest): her name only; a recipe on another theme.
"""

from __future__ import annotations

from pathlib import Path

from ..conftest import DATA, make_repo

WITHHELD = ("Bruno Secret", "bruno.secret@example.org", "06 11 22 33 44", "06 55 44 33 22",
            "bruno.perso@example.org", "07 12 34 56 78", "Chloé Retirée", "chloe.retiree@example.org",
            "epicerie@example.org")
"""What must never be published, in any file of the site, in any encoding."""
PUBLISHED_EMAIL, PUBLISHED_PHONE = "anne.essai@example.org", "02 98 00 11 22"

AMBASSADORS = {
    "anne-essai": """\
schema_version: 1
name: Anne Essai
kind: person
territory: brest
bio: Anime un jardin partagé d’essai.
consent: {date: "2026-05-12", scope: [name, bio, contact]}
contact: {email: anne.essai@example.org, phone: 02 98 00 11 22}
offers:
  - kind: visit
    details: Une demi-journée au jardin pour une équipe qui se lance.
    terms: [free, expenses]
    conditions: le mercredi
    territories: [pays-de-brest, departement:29]
    remote: false
  - kind: advice
    remote: true
""",
    "porteur-plouarzel": """\
schema_version: 1
name: Bruno Secret
kind: person
territory: plouarzel
bio: Joignable au 06 55 44 33 22 ou à bruno.perso@example.org, le soir.
consent: {date: "2026-05-12", scope: [bio]}
contact: {email: bruno.secret@example.org, phone: 06 11 22 33 44}
offers:
  - kind: talk
    details: Une intervention sur le compost ; appelez le 07 12 34 56 78.
""",
    "ancienne-porteuse": """\
schema_version: 1
name: Chloé Retirée
kind: person
territory: brest
consent: {date: "2025-01-10", scope: [name, contact], withdrawn: "2026-09-03"}
contact: {email: chloe.retiree@example.org}
""",
    "dora-lointaine": """\
schema_version: 1
name: Dora Lointaine
kind: person
territory: quimper
consent: {date: "2026-05-12", scope: [name]}
""",
    "epicerie-essai": """\
schema_version: 1
name: Épicerie d’essai
kind: organisation
territory: saint-renan
consent: false
contact: {email: epicerie@example.org}
""",
    "fanny-voisine": """\
schema_version: 1
name: Fanny Voisine
kind: person
territory: plouzane
consent: {date: "2026-05-12", scope: [name]}
""",
}

RECIPES = {  # slug: (title, place, themes, holders as YAML)
    "compost-quimper": ("Compost de Quimper", "quimper", "[alimentation]", "  - {id: dora-lointaine}"),
    "epicerie-solidaire": ("Épicerie solidaire d’essai", "saint-renan", "[alimentation, solidarite]",
                           "  - {id: epicerie-essai}"),
    "velo-plouzane": ("Vélos de Plouzané", "plouzane", "[mobilite]", "  - {id: fanny-voisine}"),
}
JARDIN_HOLDERS = ("  - {id: anne-essai, role: holder}\n  - {id: porteur-plouarzel, role: ambassador}\n"
                  "  - {id: ancienne-porteuse, role: contributor}\n")


def reach_repo(target: Path) -> Path:
    """The repository described above, under ``target`` (not a git repository)."""
    root = make_repo(target)
    for ident, text in AMBASSADORS.items():
        (root / "ambassadors" / f"{ident}.yml").write_text(text, encoding="utf-8")
    base = (DATA / "base" / "recipes" / "jardin-partage" / "recipe.md").read_text(encoding="utf-8")
    jardin = base.replace("  - id: marie-exemple\n    role: holder\n", JARDIN_HOLDERS)
    assert jardin != base
    (root / "recipes" / "jardin-partage" / "recipe.md").write_text(jardin, encoding="utf-8")
    for slug, (title, place, themes, holders) in RECIPES.items():
        text = (jardin.replace("title: Jardin partagé d’essai", f"title: {title}")
                .replace("  place: brest", f"  place: {place}").replace("themes: [alimentation]", f"themes: {themes}")
                .replace(JARDIN_HOLDERS, holders + "\n").replace("recette:jardin-partage", f"recette:{slug}"))
        (root / "recipes" / slug).mkdir()
        (root / "recipes" / slug / "recipe.md").write_text(text, encoding="utf-8")
    return root
