"""Pydantic models of recipe and ambassador metadata: the single source of truth of the schema.

No I/O here. Descriptions are French: they become editor tooltips through the JSON Schema.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from recettes.core.french import NBSP, french_date
from recettes.core.licences import DEFAULT_LICENCE
from recettes.core.placecodes import CODE_PATTERN
from recettes.core.semver import SEMVER_PATTERN

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r'^https?://[^\s<>"]+$'
MEDIA_FILE_PATTERN = r"^media/[^\s/][^\s]*$"
_YEAR = "[12][0-9]{3}"
_LEAP_YEAR = "(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:12|16|20|24|28)00)"
DATE_PATTERN = (
    rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?"
    rf"|{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    rf"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    rf"|{_LEAP_YEAR}-02-29)$"
)
"""AAAA, AAAA-MM or AAAA-MM-JJ of a real calendar day (no 31 April, 29 February of leap years
only), years 1000 to 2999: the published JSON Schema says exactly what validation accepts, and
every date that passes can be written in French (``french.french_date``)."""

# Length limits (characters) and counts, used by the model and by every form that asks for
# these values before a file exists (``recettes new``, its prompts).
TITLE_LENGTH = (3, 120)
SUMMARY_LENGTH = (10, 400)
NAME_LENGTH = (2, 120)
THEMES_COUNT = (1, 5)

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
# A reference to a vocabulary entry, an ambassador or a recipe: checked against the repository
# (with suggestions) rather than by pattern, so a typo gets "did you mean" instead of "bad form".
Ref = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=2000)]
Number = Annotated[float, Strict()]
"""A number as written (an integer or a decimal): never ``true`` or a quoted ``"48.3"``, which the
published JSON Schema refuses too — validation and the schema agree."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class Status(enum.StrEnum):
    """Publication status of a recipe."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Role(enum.StrEnum):
    """Role of a person or organisation in a recipe."""

    HOLDER = "holder"
    AMBASSADOR = "ambassador"
    CONTRIBUTOR = "contributor"
    REVIEWER = "reviewer"


class Kind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class Location(_Strict):
    """Coordonnées géographiques (WGS 84, en degrés décimaux)."""

    lat: Number = Field(ge=-90, le=90, description="Latitude, par exemple 48.3733.")
    lon: Number = Field(ge=-180, le=180, description="Longitude, par exemple -4.7297.")
    public: Annotated[bool, Field(strict=True)] = Field(
        default=False,
        description="true si le lieu est public (salle municipale, jardin ouvert…) : la position est alors "
        "publiée telle quelle ; sinon elle est arrondie à la commune (ou à environ 1 km).",
    )


class Territory(_Strict):
    """Territoire de la recette : une commune, une intercommunalité, un pays, un département ou une
    région, du vocabulaire ou des données officielles."""

    place: Ref = Field(
        description="Identifiant du territoire dans schema/vocabularies/territories.yml (ex. plouarzel, "
        "pays-de-brest, finistere, bretagne) ou code officiel de toute commune, intercommunalité, "
        "département ou région de France : commune:29190 (code INSEE, pas le code postal), "
        "epci:242900314 (SIREN), departement:29, region:53. Les territoires englobants en sont déduits."
    )
    location: Location | None = Field(
        default=None,
        description="Position précise, facultative ; à défaut, celle de la commune du vocabulaire.",
    )


class HolderRef(_Strict):
    """Une personne ou une organisation qui porte ou a enrichi la recette."""

    id: Ref = Field(description="Identifiant d’un fichier ambassadors/<id>.yml.")
    role: Role = Field(
        default=Role.HOLDER,
        description="Rôle : holder (porteur·euse), ambassador (ambassadeur·rice), "
        "contributor (contributeur·rice), reviewer (relecteur·rice).",
    )


LicenceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.+-]+$", max_length=64)]
Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]


class Source(_Strict):
    """Une publication dont la recette est tirée : ce qui permet de vérifier chaque fait."""

    title: Text | None = Field(default=None, description="Titre de la publication.")
    url: Url | None = Field(default=None, description="Adresse web de la publication (http:// ou https://).")
    publisher: Text | None = Field(
        default=None, description="Site ou organisation qui l’a publiée (ex. « Wiki @ Brest »)."
    )
    author: Text | None = Field(default=None, description="Autrice ou auteur, si la publication le dit.")
    date: Date | None = Field(
        default=None, description="Date de publication : AAAA, AAAA-MM ou AAAA-MM-JJ, entre guillemets."
    )
    licence: LicenceId | None = Field(
        default=None, description="Licence de la publication (identifiant SPDX, ex. CC-BY-SA-3.0), si elle la dit."
    )

    @model_validator(mode="after")
    def _named(self) -> Source:
        if self.title is None and self.url is None:
            raise ValueError("indiquez au moins « title » ou « url »")
        return self

    def citation(self) -> str:
        """The source in one line of plain text: ``« Brest Créative », Wiki @ Brest, 21 juin 2013``."""
        parts = [f"«{NBSP}{self.title}{NBSP}»" if self.title else str(self.url)]
        parts += [part for part in (self.author, self.publisher) if part]
        if self.date:
            parts.append(french_date(self.date))
        return ", ".join(parts)


class Credit(_Strict):
    """Qui a rédigé le texte de la recette : une fiche d’ambassadors/ (id) ou un nom."""

    id: Ref | None = Field(default=None, description="Identifiant d’un fichier ambassadors/<id>.yml.")
    name: Text | None = Field(
        default=None, description="Nom d’une personne ou d’une équipe sans fiche (ex. « Équipe Recettes libres »)."
    )
    kind: Kind | None = Field(default=None, description="person (personne) ou organisation, avec « name ».")

    @model_validator(mode="after")
    def _one_identity(self) -> Credit:
        if (self.id is None) == (self.name is None):
            raise ValueError("indiquez soit « id », soit « name », pas les deux")
        return self


class MediaCredit(_Strict):
    """Qui a fait une image de media/ et sous quelle licence : une image n’est pas couverte par
    la licence de la recette."""

    file: Annotated[str, StringConstraints(strip_whitespace=True, pattern=MEDIA_FILE_PATTERN, max_length=200)] = Field(
        description="Chemin de l’image, comme dans son lien : media/composteur.jpg."
    )
    author: Text = Field(description="Autrice, auteur ou organisation qui a fait l’image (photo, dessin).")
    licence: LicenceId = Field(description="Licence de l’image (identifiant SPDX, ex. CC-BY-4.0, CC0-1.0).")
    source: Url | None = Field(default=None, description="Adresse où l’image a été publiée, si elle vient d’ailleurs.")


class ChangelogEntry(_Strict):
    """Ce qui a changé dans une version, dit pour les lecteur·ices."""

    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] = Field(
        description="La version concernée (ex. 1.0.1)."
    )
    summary: LongText = Field(description="Ce qui a changé, en une ou deux phrases.")


class AdaptedFrom(_Strict):
    """Recette dont celle-ci est adaptée (essaimage), et ce qui a changé."""

    recipe: Ref | None = Field(default=None, description="Identifiant (dossier) d’une recette de ce dépôt.")
    url: Url | None = Field(default=None, description="Ou l’adresse d’une recette publiée ailleurs.")
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] | None = Field(
        default=None,
        description="Version de la recette d’origine dont celle-ci est partie (ex. 1.2.0), avec « recipe » "
        "seulement : le guide montre ce qui a changé depuis cette version. À défaut, la version en vigueur "
        "quand l’adaptation a été enregistrée pour la première fois.",
    )
    changes: LongText = Field(description="Ce qui a été changé pour le nouveau territoire.")

    @model_validator(mode="after")
    def _one_origin(self) -> AdaptedFrom:
        if (self.recipe is None) == (self.url is None):
            raise ValueError("indiquez soit « recipe », soit « url », pas les deux")
        if self.version is not None and self.recipe is None:
            raise ValueError(f"«{NBSP}version{NBSP}» désigne une version d’une recette du guide{NBSP}: indiquez-la "
                             f"avec «{NBSP}recipe{NBSP}», ou retirez-la avec «{NBSP}url{NBSP}»")
        return self


class Budget(_Strict):
    """Fourchette de budget."""

    min: Number = Field(ge=0, description="Budget minimal.")
    max: Number = Field(ge=0, description="Budget maximal.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        default="EUR", description="Devise (code ISO 4217, par défaut EUR)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Budget:
        if self.min > self.max:
            raise ValueError("le minimum dépasse le maximum")
        return self


class Resources(_Strict):
    """Moyens nécessaires : la partie mesurable de la reproductibilité."""

    people: Text | None = Field(default=None, description="Personnes mobilisées (ex. « 3 bénévoles »).")
    budget: Budget | None = Field(default=None, description="Fourchette de budget.")
    duration: Text | None = Field(default=None, description="Durée de mise en place ou rythme.")
    partners: list[Text] = Field(default_factory=list, description="Partenaires utiles.")


class Impact(_Strict):
    """Un indicateur d’utilité sociale."""

    name: Text = Field(description="Nom de l’indicateur.")
    value: Number | Annotated[Text, Strict()] = Field(description="Valeur mesurée.")
    unit: Text | None = Field(default=None, description="Unité (personnes, kg, euros…).")
    date: Date | None = Field(
        default=None, description="Date de la mesure : AAAA, AAAA-MM ou AAAA-MM-JJ, entre guillemets."
    )
    source: Text | None = Field(default=None, description="D’où vient ce chiffre.")


class Link(_Strict):
    """Un lien web."""

    title: Text = Field(description="Texte du lien.")
    url: Url = Field(description="Adresse (http:// ou https://).")


SHA_PATTERN = r"^[0-9a-f]{7,64}$"


class OriginAuthor(_Strict):
    """Une personne qui a écrit la fiche d’origine (d’après son historique git), sans courriel."""

    name: Text = Field(description="Nom, tel que l’historique de la fiche d’origine le donne.")
    first: Date | None = Field(default=None, description="Date de sa première modification (AAAA-MM-JJ).")
    last: Date | None = Field(default=None, description="Date de sa dernière modification (AAAA-MM-JJ).")


class Origin(_Strict):
    """La fiche dont cette recette a été importée (« recettes import ») : d’où elle vient, qui
    l’avait écrite et quand, montré dans « Historique d’origine »."""

    repository: Text = Field(description="Dépôt git (adresse) ou dossier d’où vient la fiche.")
    path: Text = Field(description="Chemin de la fiche dans ce dépôt ou ce dossier.")
    part: Annotated[int, Field(ge=1, strict=True)] | None = Field(
        default=None, description="Rang de la fiche dans un fichier qui en réunissait plusieurs.")
    commit: Annotated[str, StringConstraints(pattern=SHA_PATTERN)] | None = Field(
        default=None, description="Commit importé (identifiant git), si la source est un dépôt git.")
    authors: list[OriginAuthor] = Field(
        default_factory=list, description="Auteur·ices de la fiche d’origine, du premier au dernier.")
    created: Date | None = Field(default=None, description="Date de création de la fiche d’origine.")
    updated: Date | None = Field(default=None, description="Date de sa dernière modification.")
    renamed_from: list[Text] = Field(
        default_factory=list, description="Anciens chemins de la fiche, du plus récent au plus ancien.")
    imported: Date = Field(description="Date de l’import (AAAA-MM-JJ).")


class Recipe(_Strict):
    """Métadonnées d’une recette libre : l’en-tête de recipes/<slug>/recipe.md (entre les lignes « --- »)."""

    schema_version: Literal[1] = Field(description="Version du format de ce fichier : 1.")
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=TITLE_LENGTH[0], max_length=TITLE_LENGTH[1])] = Field(
        description="Titre de la recette, court et parlant."
    )
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=SUMMARY_LENGTH[0], max_length=SUMMARY_LENGTH[1])] = (
        Field(description="Résumé en une ou deux phrases.")
    )
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] = Field(
        description="Version de la recette (MAJEURE.MINEURE.CORRECTIF, ex. 1.2.0)."
    )
    status: Status = Field(description="État : draft (brouillon), published (publiée), archived (archivée).")
    started: Annotated[int, Field(ge=1800, le=2100, strict=True)] | None = Field(
        default=None, description="Année de démarrage de l’innovation (ex. 2012)."
    )
    territory: Territory = Field(description="Territoire de l’innovation.")
    themes: Annotated[list[Ref], Field(min_length=THEMES_COUNT[0], max_length=THEMES_COUNT[1])] = Field(
        description="Thématiques (1 à 5), identifiants de schema/vocabularies/themes.yml."
    )
    holders: list[HolderRef] = Field(
        default_factory=list, description="Porteur·euses, ambassadeur·rices et contributeur·rices."
    )
    organisations: list[Text] = Field(default_factory=list, description="Organisations impliquées.")
    licence: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.+-]+$")] = Field(
        default=DEFAULT_LICENCE, description="Licence (identifiant SPDX), par exemple CC-BY-SA-4.0 (celle du guide). "
        "Obligatoire pour publier : une recette sans licence, ou avec NOASSERTION, n’est pas publiée."
    )
    documented_by: list[Credit] = Field(
        default_factory=list,
        description="Qui a rédigé la recette (peut différer des porteur·euses). Une recette publiée nomme "
        "qui l’a rédigée ou qui la porte.",
    )
    sources: list[Source] = Field(
        default_factory=list, description="Les publications dont la recette est tirée (titre, adresse, date, licence)."
    )
    source: Source | None = Field(
        default=None, description="Ancienne forme d’une seule source : préférez « sources », une liste."
    )
    changelog: list[ChangelogEntry] = Field(
        default_factory=list,
        description="Ce qui a changé à chaque version, pour les lecteur·ices (montré dans « Historique »).",
    )
    adapted_from: AdaptedFrom | None = Field(
        default=None, description="Recette d’origine si celle-ci en est une adaptation."
    )
    resources: Resources | None = Field(default=None, description="Moyens nécessaires.")
    impact: list[Impact] = Field(default_factory=list, description="Indicateurs d’utilité sociale.")
    links: list[Link] = Field(default_factory=list, description="Liens utiles.")
    media: list[MediaCredit] = Field(
        default_factory=list, description="Crédit de chaque image de media/ : fichier, auteur·ice, licence."
    )
    origin: Origin | None = Field(
        default=None, description="Fiche d’origine d’une recette importée (écrit par « recettes import »)."
    )

    @property
    def all_sources(self) -> list[Source]:
        """``sources``, after the single ``source`` of the older form."""
        return ([self.source] if self.source is not None else []) + list(self.sources)

    def summary_of(self, version: str) -> str | None:
        """The declared change summary of ``version``, if any."""
        return next((entry.summary for entry in self.changelog if entry.version == version), None)


class Adaptation(_Strict):
    """Ce qui a été changé par rapport à la recette, et pourquoi."""

    what: Text = Field(description="Ce qui a été fait autrement (ex. « une soupe par quartier »).")
    why: LongText | None = Field(default=None, description="Pourquoi : ce que le territoire demandait.")


REPORT_KIND: Literal["reproduction"] = "reproduction"
"""The value of ``report`` in a reproduction report's front matter, required: what tells the web
form's collection of reports apart from the recipes in the same ``recipes/`` folder (Decap CMS
filters entries by a field's value, not by folder depth), so a report written by hand without it
would be missing from the form."""


class Reproduction(_Strict):
    """Compte rendu d’une reproduction (« nous l’avons fait aussi ») : l’en-tête de
    recipes/<slug>/reproductions/<id>.md, suivi d’un récit facultatif en Markdown."""

    schema_version: Literal[1] = Field(description="Version du format de ce fichier : 1.")
    report: Literal["reproduction"] = Field(
        description="Nature du fichier : reproduction (toujours cette valeur ; le formulaire web "
        "retrouve ainsi les comptes rendus).")
    recipe: Ref | None = Field(
        default=None, description="Identifiant de la recette reproduite (son dossier) : facultatif, "
        "le formulaire web l’écrit ; s’il est là, c’est celui du dossier où est le compte rendu.")
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=TITLE_LENGTH[0],
                                            max_length=TITLE_LENGTH[1])] | None = Field(
        default=None, description="Titre court, facultatif (ex. « Disco soupe au marché de Lannion ») ; "
        "à défaut, le guide écrit « Reproduction à » suivi du territoire.")
    ambassador: Ref | None = Field(
        default=None, description="Qui l’a refait : identifiant d’un fichier ambassadors/<id>.yml.")
    organisation: Text | None = Field(
        default=None, description="Ou le nom de l’organisation qui l’a refait (sans fiche d’ambassadeur·rice).")
    territory: Territory = Field(description="Où : le territoire de la reproduction, comme pour une recette.")
    date: Date = Field(description="Quand : AAAA, AAAA-MM ou AAAA-MM-JJ (début de la reproduction), "
                                   "entre guillemets.")
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] = Field(
        description="Version de la recette qui a été suivie (ex. 1.0.2).")
    adaptations: list[Adaptation] = Field(
        default_factory=list, description="Ce qui a été adapté, et pourquoi.")
    outcome: LongText = Field(description="Le résultat : ce qui a eu lieu, pour qui, ce qui en reste.")
    obstacles: list[Text] = Field(default_factory=list, description="Les difficultés rencontrées.")
    impact: list[Impact] = Field(default_factory=list, description="Indicateurs d’utilité sociale, facultatifs.")

    @model_validator(mode="after")
    def _who(self) -> Reproduction:
        if self.ambassador is None and self.organisation is None:
            raise ValueError("indiquez qui l’a refait : « ambassador » (une fiche) ou « organisation » (un nom)")
        return self


class Contact(_Strict):
    """Coordonnées, publiées seulement avec consent: true."""

    email: Annotated[str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")] | None = Field(
        default=None, description="Courriel."
    )
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 .()-]{6,20}$")] | None = Field(
        default=None, description="Téléphone."
    )


FULL_DATE_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"


class Scope(enum.StrEnum):
    """What a person agreed to have published."""

    NAME = "name"
    PHOTO = "photo"
    BIO = "bio"
    LINKS = "links"
    CONTACT = "contact"
    EMAIL = "email"
    PHONE = "phone"


SCOPE_LABELS: dict[Scope, str] = {
    Scope.NAME: "Nom", Scope.PHOTO: "Photo", Scope.BIO: "Présentation", Scope.LINKS: "Liens",
    Scope.CONTACT: "Coordonnées (courriel et téléphone)", Scope.EMAIL: "Courriel seulement",
    Scope.PHONE: "Téléphone seulement",
}


class Consent(_Strict):
    """Accord enregistré de la personne : quand, pour publier quoi, et son retrait éventuel."""

    date: Annotated[str, StringConstraints(pattern=FULL_DATE_PATTERN)] = Field(
        description="Date de l’accord, AAAA-MM-JJ entre guillemets."
    )
    scope: Annotated[list[Scope], Field(min_length=1)] = Field(
        description="Ce qui peut être publié : name (nom), photo, bio (présentation), links (liens), "
        "contact (courriel et téléphone), email, phone."
    )
    withdrawn: Annotated[str, StringConstraints(pattern=FULL_DATE_PATTERN)] | None = Field(
        default=None,
        description="Date du retrait, AAAA-MM-JJ : plus rien de personnel n’est publié à la construction suivante.",
    )
    how: Text | None = Field(
        default=None, description="Comment l’accord a été donné (ex. « courriel du 12 mai 2026 à l’équipe »)."
    )

    @field_validator("date", "withdrawn")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"la date « {value} » n’existe pas dans le calendrier") from None
        return value

    @model_validator(mode="after")
    def _dates(self) -> Consent:
        if self.withdrawn is not None and self.withdrawn < self.date:
            raise ValueError("le retrait (withdrawn) précède la date de l’accord")
        return self

    def allows(self, what: Scope) -> bool:
        """Whether ``what`` may be published: in scope (``contact`` covers e-mail and phone),
        and not withdrawn."""
        if self.withdrawn is not None:
            return False
        if what in (Scope.EMAIL, Scope.PHONE) and Scope.CONTACT in self.scope:
            return True
        return what in self.scope


class OfferKind(enum.StrEnum):
    """What an ambassador can bring to another territory."""

    TALK = "talk"
    VISIT = "visit"
    ADVICE = "advice"
    TRAINING = "training"
    SUPPORT = "support"
    OTHER = "other"


OFFER_KIND_LABELS: dict[OfferKind, str] = {
    OfferKind.TALK: "Intervention", OfferKind.VISIT: "Visite", OfferKind.ADVICE: "Conseil",
    OfferKind.TRAINING: "Formation", OfferKind.SUPPORT: "Accompagnement", OfferKind.OTHER: "Autre",
}


class OfferTerms(enum.StrEnum):
    """On what terms an offer is made."""

    FREE = "free"
    PAID = "paid"
    EXPENSES = "expenses"
    VOLUNTEER = "volunteer"


OFFER_TERMS_LABELS: dict[OfferTerms, str] = {
    OfferTerms.FREE: "gratuit", OfferTerms.PAID: "payant",
    OfferTerms.EXPENSES: "frais de déplacement à prendre en charge",
    OfferTerms.VOLUNTEER: "sur du temps bénévole",
}


class Offer(_Strict):
    """Ce que la personne ou l’organisation peut apporter à d’autres territoires (« ce que je peux
    apporter ») : une intervention, une visite, du conseil, une formation, un accompagnement."""

    kind: OfferKind = Field(
        description="Nature : talk (intervention), visit (visite), advice (conseil), training (formation), "
        "support (accompagnement), other (autre, à préciser dans details)."
    )
    details: LongText | None = Field(
        default=None, description="Ce qui est proposé, pour qui, sous quelle forme (ex. « une demi-journée "
        "de visite du jardin pour une équipe qui se lance »)."
    )
    terms: list[OfferTerms] = Field(
        default_factory=list, description="Conditions : free (gratuit), paid (payant), expenses (frais de "
        "déplacement à prendre en charge), volunteer (sur du temps bénévole)."
    )
    conditions: Text | None = Field(
        default=None, description="Autres conditions, en quelques mots (ex. « le mercredi, sur devis »)."
    )
    territories: Annotated[list[Ref], Field(max_length=20)] = Field(
        default_factory=list, description="Territoires où la proposition vaut : identifiants du vocabulaire "
        "(ex. pays-de-brest, finistere) ou codes officiels (departement:29, region:53) ; vide : partout."
    )
    remote: Annotated[bool, Field(strict=True)] = Field(
        default=False, description="true si elle peut aussi se faire à distance (visioconférence, téléphone)."
    )

    @model_validator(mode="after")
    def _said(self) -> Offer:
        if self.kind is OfferKind.OTHER and self.details is None:
            raise ValueError("une proposition « other » (autre) dit ce qu’elle est dans « details »")
        return self


def _consent_form(value: object) -> str:
    """Which form of ``consent`` a value is meant as: errors then speak of that form only."""
    return "record" if isinstance(value, dict | Consent) else "bool"


class Ambassador(_Strict):
    """Profil d’un·e ambassadeur·rice : le fichier ambassadors/<id>.yml."""

    schema_version: Literal[1] = Field(description="Version du format de ce fichier : 1.")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=NAME_LENGTH[0], max_length=NAME_LENGTH[1])] = Field(
        description="Nom de la personne ou de l’organisation."
    )
    kind: Kind = Field(description="person (personne) ou organisation.")
    territory: Ref | None = Field(default=None, description="Identifiant du territoire (vocabulaire) ou code "
                                  "officiel : commune:29190 (code INSEE), epci:242900314, departement:29, region:53.")
    expertise: list[Ref] = Field(default_factory=list, description="Thématiques d’expertise.")
    bio: LongText | None = Field(default=None, description="Courte présentation.")
    links: list[Link] = Field(default_factory=list, description="Liens (site, publications…).")
    photo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/-]+$")] | None = Field(
        default=None, description="Chemin d’une photo, relatif au dossier ambassadors/."
    )
    consent: Annotated[
        Annotated[Annotated[bool, Field(strict=True)], Tag("bool")] | Annotated[Consent, Tag("record")],
        Discriminator(_consent_form),
    ] = Field(
        default=False,
        description="Accord de la personne : date, portée (scope) et retrait éventuel (withdrawn). "
        "L’ancienne forme true/false reste lue : true publie les coordonnées, sans date ni portée.",
    )
    contact: Contact | None = Field(default=None, description="Coordonnées, publiées seulement avec consent: true.")
    offers: Annotated[list[Offer], Field(max_length=20)] = Field(
        default_factory=list,
        description="Ce que je peux apporter : interventions, visites, conseil, formations, accompagnement, "
        "avec leurs conditions et les territoires où ils valent.",
    )


class ThemeEntry(_Strict):
    """Une thématique du vocabulaire."""

    id: Slug
    label: Text
    description: LongText | None = None


class TerritoryKind(enum.StrEnum):
    REGION = "region"
    DEPARTEMENT = "departement"
    PAYS = "pays"
    EPCI = "epci"
    COMMUNE = "commune"


TERRITORY_LEVELS: dict[TerritoryKind, int] = {
    TerritoryKind.COMMUNE: 0, TerritoryKind.EPCI: 1, TerritoryKind.PAYS: 2,
    TerritoryKind.DEPARTEMENT: 3, TerritoryKind.REGION: 4}
"""How wide each kind of territory is: a territory is only inside a wider one."""

OfficialCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=CODE_PATTERN)]


class TerritoryEntry(_Strict):
    """Un territoire du vocabulaire : rattaché à son territoire englobant (``parent``), ou à un
    territoire officiel par son code (``code``), ou groupement de territoires (``members``)."""

    id: Slug
    label: Text
    kind: TerritoryKind
    parent: Slug | None = None
    code: OfficialCode | None = None
    members: list[Ref] = Field(default_factory=list)
    location: Location | None = None


ROLE_LABELS: dict[Role, str] = {
    Role.HOLDER: "Porteur·euse",
    Role.AMBASSADOR: "Ambassadeur·rice",
    Role.CONTRIBUTOR: "Contributeur·rice",
    Role.REVIEWER: "Relecteur·rice",
}
TERRITORY_KIND_LABELS: dict[str, str] = {
    "region": "Région", "departement": "Département", "pays": "Pays", "epci": "Intercommunalité",
    "commune": "Commune"}
"""The French name of each kind of territory."""
STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "Brouillon",
    Status.PUBLISHED: "Publiée",
    Status.ARCHIVED: "Archivée",
}
