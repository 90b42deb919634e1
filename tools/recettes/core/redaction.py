"""Redactions: what a maintainer removes from every published version of a recipe (pure).

``redactions.yml`` at the repository root lists, per recipe (or ``"*"`` for all), texts and
media files that older versions, rebuilt from git, must no longer publish. ``Redactions.apply``
is the one place where they are removed: from the files of a version before it is parsed, so its
page, its media and everything made from it lose them alike; ``Redactions.scrub`` removes the
same texts from the commit messages that « Historique » shows.

- A text is matched exactly, except that any run of spaces or line breaks in it matches any
  other (Markdown wraps lines); each occurrence becomes ``REPLACEMENT``.
- A media file is dropped, and the images and links that point at it in the texts are replaced
  by ``IMAGE_REPLACEMENT`` (an image) or by their own text (a link).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

REDACTIONS_FILE = "redactions.yml"
REPLACEMENT = "(retiré)"
IMAGE_REPLACEMENT = "(image retirée)"
ALL = "*"
_TEXT_SUFFIXES = (".md", ".yml", ".yaml")


class Redaction(BaseModel):
    """Ce qui est retiré de toutes les versions publiées d’une recette."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    recipe: Annotated[str, StringConstraints(pattern=r"^(?:\*|[a-z0-9]+(?:-[a-z0-9]+)*)$", max_length=80)] = Field(
        description="Identifiant (dossier) de la recette, ou \"*\" pour toutes."
    )
    strings: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]] = Field(
        default_factory=list, description="Textes à retirer (au moins 3 caractères chacun)."
    )
    media: list[Annotated[str, StringConstraints(pattern=r"^media/[^\s]+$", max_length=300)]] = Field(
        default_factory=list, description="Fichiers à retirer, chemin dans la recette (media/photo.jpg)."
    )
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = Field(
        description="Pourquoi, et à la demande de qui (sans répéter la donnée retirée)."
    )


class RedactionsFile(BaseModel):
    """Le fichier redactions.yml, tenu par les mainteneur·euses."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    redactions: list[Redaction] = Field(default_factory=list)


def text_pattern(text: str) -> re.Pattern[str]:
    """``text`` as a pattern where any run of whitespace matches any other."""
    return re.compile(r"\s+".join(re.escape(part) for part in text.split()))


@dataclass(frozen=True)
class Redactions:
    """Every redaction, ready to apply; ``fingerprint`` keys caches of what they change."""

    entries: tuple[Redaction, ...] = ()
    _patterns: dict[str | None, tuple[re.Pattern[str], ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        return repr(self.entries)

    def for_recipe(self, slug: str | None) -> tuple[list[str], list[str]]:
        """The texts and the media files redacted from ``slug`` (None: from any recipe)."""
        chosen = [r for r in self.entries if slug is None or r.recipe in (slug, ALL)]
        return [s for r in chosen for s in r.strings], [m for r in chosen for m in r.media]

    def patterns(self, slug: str | None) -> tuple[re.Pattern[str], ...]:
        if slug not in self._patterns:
            strings, _ = self.for_recipe(slug)
            # Longest first, so a text that contains another is removed whole.
            self._patterns[slug] = tuple(text_pattern(s) for s in sorted(set(strings), key=len, reverse=True))
        return self._patterns[slug]

    def scrub(self, slug: str | None, text: str) -> str:
        """``text`` with the texts redacted from ``slug``; with None, those of every recipe (a
        commit message, shown in « Historique » of each recipe the commit touched)."""
        for pattern in self.patterns(slug):
            text = pattern.sub(REPLACEMENT, text)
        return text

    def apply(self, slug: str, files: dict[str, bytes]) -> dict[str, bytes]:
        """The files of one version of ``slug`` with its redactions applied."""
        patterns = self.patterns(slug)
        _, media = self.for_recipe(slug)
        if not patterns and not media:
            return files
        gone = set(media)
        out: dict[str, bytes] = {}
        for name, data in files.items():
            if name in gone:
                continue
            if name.endswith(_TEXT_SUFFIXES):
                text = data.decode("utf-8", errors="replace")
                for path in media:
                    text = _unlink(text, path)
                data = self.scrub(slug, text).encode("utf-8")
            out[name] = data
        return out


def _unlink(text: str, path: str) -> str:
    """Images of ``path`` become ``IMAGE_REPLACEMENT``, links to it their own text."""
    target = re.escape(path)
    link = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?" + target + r'>?(?:\s+"[^"\n]*")?\s*\)(?:\{[^}\n]*\})?')
    text = link.sub(lambda m: IMAGE_REPLACEMENT if m.group(1) else m.group(2), text)
    return text.replace(path, REPLACEMENT)
