"""Problems found in contributed content: values collected in a Report, never exceptions.

Each problem has a stable code (``R001``...) whose title is fixed here; the message says what is
wrong at this place and the hint says how to fix it, in French, for project holders.
"""

from __future__ import annotations

import enum
import shlex
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@enum.unique  # an alias (two codes with one title) would report one code as the other
class Code(enum.Enum):
    """Stable problem codes and their fixed French titles."""

    # Files and YAML syntax
    R001 = "YAML invalide"
    R002 = "encodage invalide"
    R003 = "clé en double"
    R004 = "ancre ou alias YAML"
    R005 = "tabulation dans l’indentation"
    R006 = "fichier trop volumineux"
    R007 = "lien symbolique"
    R008 = "marque d’ordre d’octets (BOM)"
    R009 = "fichier illisible"
    # Metadata schema
    R010 = "clé inconnue"
    R011 = "clé obligatoire absente"
    R012 = "valeur invalide"
    R013 = "thématique inconnue"
    R014 = "territoire inconnu"
    R016 = "ancienne forme d’une clé"
    # Folders and slugs
    R020 = "identifiant (slug) invalide"
    R021 = "identifiant en double"
    R022 = "dossier de recette incomplet"
    R023 = "ancienne disposition"
    # Sections
    R030 = "section absente"
    R031 = "section sans élément"
    R032 = "structure de section"
    R033 = "HTML brut"
    R034 = "texte à compléter"
    # Hand-written pages, theme classes, build configuration, licences (issue 12)
    R110 = "fichier de docs/ non publiable"
    R111 = "configuration qui exécute du code ou inclut des fichiers"
    R112 = "classe ou identifiant non permis"
    R113 = "licence absente"
    R114 = "liste d’autorisation invalide"
    # Cross references
    R040 = "porteur ou ambassadeur inconnu"
    R041 = "recette d’origine inconnue"
    R042 = "média introuvable"
    R043 = "chemin hors du dossier"
    R044 = "lien interne cassé"
    # Versions (check-versions)
    R060 = "version non augmentée"
    R061 = "version en baisse"
    # History (git)
    R070 = "historique incomplet"
    R071 = "texte non UTF-8 dans l’historique git"
    R072 = "nom d’auteur·rice vide dans l’historique git"
    R073 = "identités git mal écrites"
    R074 = "identités git d’une fiche inconnue"
    R075 = "identité git attribuée deux fois"
    # Vocabularies
    R080 = "vocabulaire invalide"
    # Open data (export)
    R090 = "recette exclue des données ouvertes"
    # Characters, names and numbers that lie (issue 12)
    R120 = "caractère invisible ou de contrôle"
    R121 = "écritures mêlées (homoglyphes)"
    R122 = "nom réservé"
    R123 = "nombre non représentable"
    R124 = "nombre réécrit à la publication"
    R125 = "données YAML trop imbriquées"
    R126 = "date impossible"
    R127 = "identifiant réservé à une page générée"
    # Media (media/ of a recipe)
    R100 = "média refusé"
    R101 = "extension trompeuse"
    R102 = "image trop grande"
    R103 = "média inutilisé"
    R104 = "crédit d’image absent"
    # Markdown the handbook cannot render (read.limits) and links that would mislead
    R130 = "texte trop imbriqué"
    R131 = "paragraphe trop coûteux à afficher"
    R132 = "adresse web sans https://"
    # Personal data
    R150 = "coordonnées personnelles dans le texte"
    R151 = "consentement sans date ni portée"
    R152 = "consentement incohérent"
    R153 = "position précise arrondie"
    R154 = "caviardage invalide"
    R155 = "texte caviardé encore publié"
    # Build
    R140 = "construction déjà en cours"
    # Import of existing fiches (recettes import)
    R200 = "source d’import illisible"
    R201 = "titre de fiche non reconnu"
    R202 = "titre sans texte retiré"
    R203 = "version de licence non indiquée"
    R204 = "aucune licence trouvée"
    R205 = "adresse web complétée"
    R206 = "lien vers une fiche non importée"
    R207 = "image gardée en lien"
    R208 = "image introuvable ou refusée"
    R209 = "noms relevés dans la fiche"
    R210 = "recette modifiée depuis l’import"
    R211 = "fichier de plusieurs fiches ambigu"
    R212 = "en-tête de fiche ignoré"
    R213 = "texte sans modification permise"
    R214 = "information pratique non structurée"
    R215 = "fiche en double (formes Unicode)"
    R216 = "coordonnées retirées du texte"
    R217 = "HTML retiré du texte"
    # Duplicates (recettes duplicates, issue 13)
    R250 = "recettes identiques"
    R251 = "recettes proches"
    # Lineage of adapted recipes (issue 14)
    R275 = "version d’origine inconnue"
    # Reproductions and readiness (issue 14, recipes/<slug>/reproductions/)
    R260 = "compte rendu de reproduction mal placé"
    R261 = "version de recette inconnue"
    R262 = "reproduction sur le territoire de la recette"
    R263 = "date de reproduction à venir"
    R264 = "reproduction avant la recette"
    # Official territories and groupings (read/territories.py, read/vocabulary.py)
    R240 = "nom de territoire ambigu"
    R241 = "code officiel inconnu"
    R242 = "code d’une ancienne commune"
    R243 = "membre de groupement inconnu"
    R244 = "code officiel donné deux fois"
    R245 = "identifiant réservé aux territoires officiels"
    R246 = "rattachement de territoire incohérent"
    # Network of territories (network.yml, network.lock.yml, sources)
    R220 = "fichier de réseau invalide"
    R221 = "source du réseau à récupérer"
    R222 = "source du réseau injoignable"
    R223 = "révision introuvable dans la source"
    R224 = "vocabulaires du réseau en conflit"
    R225 = "même personne dans plusieurs sources : groupe invalide"
    R226 = "fichier de verrouillage du réseau invalide"
    R227 = "adresse déjà prise dans le réseau"
    R228 = "source du réseau modifiée sur place"
    # Ambassadors you can reach (issue 14)
    R285 = "nom non publié dans l’adresse de la fiche"
    # Printable cards and « recueils » (recettes print, issue 14)
    R295 = "recette exclue de l’impression"
    R296 = "territoire ou thématique à imprimer inconnu"
    R297 = "rien à imprimer"
    R298 = "impression impossible"

    @property
    def title(self) -> str:
        return self.value


@dataclass(frozen=True)
class Problem:
    """One located problem: ``path:line:column: CODE message`` plus a hint of the fix."""

    path: str
    line: int
    column: int
    code: Code
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        level = "" if self.is_error else " (avertissement)"
        text = f"{self.location()}: {self.code.name}{level} {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code.name,
            "title": self.code.title,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Report:
    """Problems collected over a run, in a stable order."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Problem]:
        return sorted(dict.fromkeys(self.problems), key=lambda p: (p.path, p.line, p.column, p.code.name))


def rel(path: Path, root: Path) -> str:
    """The path as shown to users: relative to the repository root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def shell_command(*words: str) -> str:
    """A command line to suggest in a message, safe to paste into a shell: each word quoted
    when needed (``shell_command("recettes", "migrate", "recipes/a&b")`` ->
    ``recettes migrate 'recipes/a&b'``)."""
    return " ".join(shlex.quote(word) for word in words)
