"""Introduction requests (« Demander une mise en relation »): the link that sends a reader to the
network's facilitators instead of publishing anyone's address (pure).

The network says where requests go with one address template (the plugin's
``introduction_url`` option):

- a forge's « new issue » page: ``https://forge.example/reseau/contacts/issues/new?title={title}&body={body}``;
- the facilitators' mailbox: ``mailto:animation@reseau.example?subject={title}&body={body}``;
- a form: ``https://formulaire.example/mise-en-relation?fiche={page}``;
- or the word ``forge``: the « new issue » page of the handbook's own repository (``repo_url``),
  pre-filled (GitHub, GitLab, Gitea, Forgejo).

Placeholders (``PLACEHOLDERS``) are replaced by URL-encoded values: ``{title}`` and ``{body}``
(the request, written here in French), ``{page}`` (the first ambassador's public page) and
``{recipe}`` (the recipe's public page, empty from an ambassador's own page). The request
carries nothing personal of the ambassador: their page address, and their name only when
consent lets it be published (the caller passes ``None`` otherwise). Python's ``string.Formatter``
reads the template; no library builds such links, and ``urllib.parse.quote`` encodes each value.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from recettes.core.french import NBSP, NNBSP, and_list
from recettes.publish.cms import forge_of
from recettes.publish.form import french

FORGE = "forge"
"""The ``introduction_url`` value that means: a new issue on the handbook's own repository."""
PLACEHOLDERS = ("title", "body", "page", "recipe")
SCHEMES = ("https", "http", "mailto")


class IntroductionError(ValueError):
    """An ``introduction_url`` that cannot make a link; the message is French."""


@dataclass(frozen=True)
class Contactee:
    """Someone a request is about: their public page (absolute address), and their name only
    when consent lets it be published (None otherwise)."""

    page: str
    name: str | None = None

    def described(self) -> str:
        return f"{self.name} ({self.page})" if self.name else f"la personne ou l’organisation de la fiche {self.page}"


@dataclass(frozen=True)
class Request:
    """What an introduction request names: the people (at least one), and the recipe it is
    about (title and public page), if any."""

    people: tuple[Contactee, ...]
    recipe_title: str | None = None
    recipe_page: str | None = None


def check_template(template: str) -> str:
    """``template`` stripped, when it can make a link: ``""`` (none), ``forge``, or an
    ``https``, ``http`` or ``mailto`` address whose placeholders are among ``PLACEHOLDERS``.

    Raises ``IntroductionError`` (French) otherwise."""
    template = template.strip()
    if template in ("", FORGE):
        return template
    scheme = urlsplit(template).scheme.lower()
    if scheme not in SCHEMES:
        raise IntroductionError(
            french(f"« {template} » n’est ni une adresse en https://, http:// ou mailto:, ni « {FORGE} »"))
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None]
    except ValueError:
        raise IntroductionError(french(f"accolade seule dans « {template} » : écrivez {{{{ ou }}}} pour une "
                                       "accolade, {title}, {body}, {page} ou {recipe} pour une valeur")) from None
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS or spec or conversion:
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise IntroductionError(french(f"« {{{shown}}} » inconnu dans « {template} » : les valeurs "
                                           "possibles sont {title}, {body}, {page} et {recipe}"))
    odd = sorted({c for c in template if c.isspace() or c in '<>()"\'`\\' or not c.isprintable()})
    if odd:
        raise IntroductionError(french(f"caractère « {odd[0]!s} » dans « {template} » : encodez-le (%20 pour "
                                       "une espace, %28 et %29 pour des parenthèses)"))
    if scheme != "mailto" and not urlsplit(template).hostname:
        raise IntroductionError(french(f"« {template} » n’a pas de nom de serveur"))
    return template


def forge_template(repo_url: str, backend: str = "") -> str:
    """The pre-filled « new issue » page of ``repo_url``'s forge (its kind from its host, or
    ``backend``). Raises ``IntroductionError`` when the forge is unknown."""
    forge = forge_of(repo_url, backend)
    if forge is None:
        raise IntroductionError(french(
            f"introduction_url « {FORGE} » demande un repo_url sur une forge connue (GitHub, GitLab, Gitea, "
            f"Forgejo), ou cms_backend pour la nommer ; repo_url vaut « {repo_url} »"))
    base = f"{forge.base_url}/{forge.repo}"
    if forge.kind == "gitlab":
        return base + "/-/issues/new?issue%5Btitle%5D={title}&issue%5Bdescription%5D={body}"
    return base + "/issues/new?title={title}&body={body}"


def resolve_template(value: str, repo_url: str = "", backend: str = "") -> str:
    """The address template of ``value`` (``check_template``), ``forge`` made into its forge's
    page (``forge_template``)."""
    template = check_template(value)
    return forge_template(repo_url, backend) if template == FORGE else template


def request_title(request: Request) -> str:
    """« Demande de mise en relation avec Marie Le Gall » (« … au sujet de « Titre » » from a
    recipe, « … avec un·e ambassadeur·rice du réseau » without a name)."""
    names = [person.name for person in request.people if person.name]
    if request.recipe_title:
        return f"Demande de mise en relation au sujet de «{NBSP}{request.recipe_title}{NBSP}»"
    return "Demande de mise en relation avec " + (and_list(names) if names else "un·e ambassadeur·rice du réseau")


def request_body(request: Request, *, public: bool) -> str:
    """The request, pre-filled for the reader to complete. ``public``: it will be readable by
    anyone (an issue on a forge), so the reader is told not to write their own details."""
    who = and_list([person.described() for person in request.people])
    lines = ["Bonjour,", "", f"Je souhaite être mis·e en relation avec {who}"]
    if request.recipe_title and request.recipe_page:
        lines[-1] += f", au sujet de la recette «{NBSP}{request.recipe_title}{NBSP}» ({request.recipe_page})"
    lines[-1] += "."
    lines += ["", f"Mon projet et mon territoire{NBSP}: ", "", f"Ce que j’aimerais (visite, conseil, intervention…){NBSP}: ",
              ""]
    if public:
        lines.append(f"Cette demande est publique{NBSP}: n’y écrivez pas vos coordonnées, l’équipe d’animation"
                     " du réseau vous répondra ici.")
    else:
        lines.append(f"L’équipe d’animation du réseau transmet la demande{NNBSP}; elle ne donne les coordonnées"
                     " de personne sans son accord.")
    return "\n".join(lines)


def introduction_link(template: str, request: Request) -> str:
    """The link of ``request`` through ``template`` (already resolved: ``resolve_template``),
    each placeholder replaced by its URL-encoded value."""
    public = urlsplit(template).scheme.lower() != "mailto" and "/issues/new" in template
    values = {"title": request_title(request), "body": request_body(request, public=public),
              "page": request.people[0].page if request.people else "", "recipe": request.recipe_page or ""}
    return template.format_map({key: quote(value, safe="") for key, value in values.items()})
