"""The web form (« l’atelier d’écriture », Decap CMS at ``/admin/``): its configuration, built
from the JSON Schemas of the models — so from the vocabularies too — in one pass (pure).

Three collections: the recipes (``recipes/<slug>/recipe.md``, front matter and Markdown body,
media in the recipe's own ``media/``, written by the ``recette-md`` format of admin/formats.js), the ambassadors (``ambassadors/<id>.yml``) and the
reproduction reports (``recipes/<slug>/reproductions/<id>.md``, same format). Decap lists a
folder collection's files down to the depth of its ``path``, so the reports' collection also
sees each ``recipe.md``: its ``filter`` keeps the files whose ``report`` is ``reproduction``
(Decap filters by a field's value), and its ``path`` puts a new report in the folder of the
recipe chosen in its ``recipe`` field: ``{{recipe}}``, not ``{{fields.recipe}}``, since Decap
(3.16) turns the dots of a ``path`` into dashes before reading its placeholders. Their
fields come from ``publish.form`` (one widget per property of the models' JSON Schemas); the
recipe's body is one Markdown field, pre-filled with the sections' headings (``core.sections``).

The backend comes from ``repo_url`` (``Forge``): a pull request per contribution (editorial
workflow, and open authoring where the forge allows it), and ``local_backend`` for the
clone-only mode (``make atelier``: ``decap-server`` on loopback writes files directly).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import yaml

from recettes.core.addresses import ambassador_uri, page_url, recipe_uri
from recettes.core.model import REPORT_KIND, STATUS_LABELS, Ambassador, Recipe, Reproduction
from recettes.core.sections import PLACEHOLDER, RECIPE_MD, SECTIONS
from recettes.publish.form import AMBASSADORS_COLLECTION, PHOTOS, Form, french
from recettes.read.load import AMBASSADORS_DIR, RECIPES_DIR
from recettes.read.reproductions import REPRODUCTIONS_DIR
from recettes.read.vocabulary import Vocabulary

LOCAL_PORT = 8081
"""Port of ``decap-server`` in the local mode (``make atelier``), on 127.0.0.1."""
RECIPES_COLLECTION = "recettes"
REPRODUCTIONS_COLLECTION = "reproductions"
MEDIA = "media"
SHARED_MEDIA = "medias"  # the global media library: docs/medias/, published at /medias/
BODY = "body"
RECIPE_FORMAT = "recette-md"
AMBASSADOR_FORMAT = "fiche-yml"
"""The file formats registered by admin/formats.js: front matter (or YAML) and body written back
so that what an edit did not change stays byte for byte (Decap's own rewrite the whole file)."""
FORGES = ("github", "gitlab", "gitea", "forgejo")
_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "framagit.org": "gitlab",
          "codeberg.org": "forgejo"}
_REVIEWED = {"github", "gitlab", "forgejo"}  # forges whose Decap backend opens pull requests
_OPEN = {"github", "forgejo"}  # ... and lets people without write access propose (forks)
SECTION_PROMPTS: dict[str, str] = {
    "context": "pourquoi cette innovation ? À quel besoin répond-elle, où, avec qui est-elle née ? "
               "Quelques phrases ; cette partie est facultative.",
    "how-to": "par quoi avez-vous commencé ?",
    "obstacles": "qu’est-ce qui vous a freiné, et comment l’avez-vous surmonté ?",
    "enablers": "qu’est-ce qui vous a aidé ?",
    "reproducibility": "que faut-il ailleurs pour que ça marche ?",
}
"""The question written under each heading of a new recipe (to replace: « À compléter »)."""


@dataclass(frozen=True)
class CmsOptions:
    """The forge side of the form, from ``mkdocs.yml``: ``repo_url`` and ``branch``; ``backend``
    names the forge when its host does not (github, gitlab, gitea, forgejo); ``app_id`` is the
    OAuth application (GitLab, Gitea, Forgejo) and ``auth_url`` the OAuth server (GitHub);
    ``local_port`` is decap-server's, on 127.0.0.1 (``make atelier``)."""

    repo_url: str = ""
    branch: str = "main"
    backend: str = ""
    app_id: str = ""
    auth_url: str = ""
    local_port: int = LOCAL_PORT


@dataclass(frozen=True)
class Forge:
    kind: str
    base_url: str
    repo: str


def forge_of(repo_url: str, kind: str = "") -> Forge | None:
    """The forge of ``repo_url``, by its host (or ``kind``); None when unknown."""
    parts = urlsplit(repo_url.strip())
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme not in ("http", "https") or not parts.hostname or path.count("/") < 1:
        return None
    host = parts.hostname.lower()
    kind = kind or _HOSTS.get(host) or next((k for k in FORGES if host.startswith(f"{k}.")), "")
    return Forge(kind, f"{parts.scheme}://{parts.netloc}", path) if kind in FORGES else None


def backend_config(options: CmsOptions) -> dict[str, Any]:
    """The ``backend`` section and ``publish_mode`` for the forge of ``options.repo_url``.

    Without a known forge the form runs only in the local mode (``make atelier``)."""
    forge = forge_of(options.repo_url, options.backend)
    if forge is None:
        return {"backend": {"name": "proxy", "proxy_url": _local_url(options.local_port),
                            "branch": options.branch}}
    backend: dict[str, Any] = {"name": forge.kind, "repo": forge.repo, "branch": options.branch}
    hosted = forge.base_url in ("https://github.com", "https://gitlab.com")
    if forge.kind == "github":
        if not hosted:
            backend["api_root"] = f"{forge.base_url}/api/v3"
        if options.auth_url:
            backend["base_url"] = options.auth_url
    else:  # OAuth from the browser (PKCE): an application id, no secret, no server
        if forge.kind == "gitlab":
            backend["auth_type"] = "pkce"
        if options.app_id:
            backend["app_id"] = options.app_id
        if not hosted:
            backend["base_url"] = forge.base_url
            backend["api_root"] = forge.base_url + ("/api/v4" if forge.kind == "gitlab" else "/api/v1")
    if forge.kind in _OPEN:
        backend["open_authoring"] = True
    section: dict[str, Any] = {"backend": backend}
    if forge.kind in _REVIEWED:
        section["publish_mode"] = "editorial_workflow"
    return section


def _local_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api/v1"


def cms_config(vocabulary: Vocabulary, options: CmsOptions = CmsOptions(), *, site_url: str = "",
               docs_dir: str = "docs", recipes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The whole configuration of the form; ``recipes`` (slug -> title) are the recipes a new
    one may be adapted from."""
    base = urlsplit(site_url).path.rstrip("/") if site_url else ""
    config: dict[str, Any] = {
        **backend_config(options),
        "local_backend": {"url": _local_url(options.local_port)},
        "locale": "fr",
        "media_folder": f"{docs_dir.strip('/') or 'docs'}/{SHARED_MEDIA}",
        "public_folder": f"{base}/{SHARED_MEDIA}",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    if site_url:
        config |= {"site_url": site_url, "display_url": site_url}
    fields = Form(vocabulary, recipes or {})
    config["collections"] = [
        {"name": RECIPES_COLLECTION, "label": "Recettes", "label_singular": "recette",
         "description": french("Une recette par innovation : ses informations, puis son texte en "
                               "sections. Le titre donne aussi le nom du dossier de la recette."),
         "folder": RECIPES_DIR, "path": "{{slug}}/" + RECIPE_MD.removesuffix(".md"),
         "extension": "md", "format": RECIPE_FORMAT, "create": True, "slug": "{{slug}}",
         "identifier_field": "title", "summary": "{{title}}",
         "media_folder": MEDIA, "public_folder": MEDIA,
         "preview_path": page_url(recipe_uri("{{dirname}}")),
         "sortable_fields": ["title", "status"],
         "view_filters": [{"label": label, "field": "status", "pattern": f"^{status.value}$"}
                          for status, label in STATUS_LABELS.items()],
         "fields": [*fields.model(Recipe), body_field()]},
        {"name": AMBASSADORS_COLLECTION, "label": "Ambassadeur·rices", "label_singular": "fiche",
         "description": french("Les porteur·euses et ambassadeur·rices : une fiche par personne ou "
                               "organisation, que les recettes citent."),
         "folder": AMBASSADORS_DIR, "extension": "yml", "format": AMBASSADOR_FORMAT, "create": True,
         "slug": "{{slug}}", "identifier_field": "name", "summary": "{{name}}",
         "media_folder": PHOTOS, "public_folder": PHOTOS,
         "preview_path": page_url(ambassador_uri("{{slug}}")),
         "fields": fields.model(Ambassador)},
        reproductions_collection(fields),
    ]
    return config


def reproductions_collection(fields: Form) -> dict[str, Any]:
    """The reproduction reports, « nous l’avons fait aussi »: one per reproduction, filed with its
    recipe; the title names the file (required here, though a hand-written report may omit it)."""
    widgets = fields.model(Reproduction)
    story = {"name": BODY, "label": "Récit", "widget": "markdown", "required": False,
             "hint": french("Facultatif : racontez la reproduction pour qu’une autre équipe s’en inspire. "
                            "Un intertitre par partie (« Titre 2 », « ## »)."),
             "modes": ["rich_text", "raw"],
             "buttons": ["bold", "italic", "code", "link", "heading-two", "heading-three", "quote",
                         "bulleted-list", "numbered-list"], "editor_components": [], "sanitize_preview": True}
    return {"name": REPRODUCTIONS_COLLECTION, "label": "Reproductions", "label_singular": "reproduction",  # « Nouvelle %{label} »
            "description": french("« Nous l’avons fait aussi » : le compte rendu d’une recette refaite sur un "
                                  "autre territoire (qui, où, quand, ce qui a été adapté, le résultat). Il "
                                  "fait monter le niveau de la recette."),
            "folder": RECIPES_DIR, "path": "{{recipe}}/" + REPRODUCTIONS_DIR + "/{{slug}}",
            "filter": {"field": "report", "value": REPORT_KIND},
            "extension": "md", "format": RECIPE_FORMAT, "create": True, "slug": "{{slug}}",
            "identifier_field": "title", "summary": "{{title}} — {{date}}",
            "preview_path": page_url(recipe_uri("{{recipe}}")),
            "sortable_fields": ["title", "date"],
            "fields": [*widgets, story]}


def render(config: dict[str, Any]) -> str:
    """The configuration as YAML; the dump (0.3 s) is cached by the configuration's JSON."""
    return _render(json.dumps(config, ensure_ascii=False))


@lru_cache(maxsize=8)
def _render(config: str) -> str:
    header = "# Généré par le guide (recettes.publish.cms) : ne pas modifier, voir les modèles.\n"
    return header + yaml.safe_dump(json.loads(config), allow_unicode=True, sort_keys=False, width=100)


def default_body() -> str:
    """A new recipe's text: each section's heading and, to replace, a question (the optional
    sections) or one item whose title is the question (the others)."""
    out: list[str] = []
    for kind in SECTIONS:
        prompt = french(f"{PLACEHOLDER} : {SECTION_PROMPTS[kind.id]}")
        out += [f"# {kind.title}", ""]
        if not kind.required:
            out += [prompt, ""]
            continue
        item = "une étape" if kind.numbered else "un élément"
        out += [f"## {prompt}", "", french(f"Racontez-le pour qu’une autre équipe puisse le refaire. "
                                           f"Ajoutez {item} par titre « ## »."), ""]
    return "\n".join(out)


def body_field() -> dict[str, Any]:
    """The recipe's text: rich text first (Decap's default), Markdown one switch away; the
    buttons are what the handbook's sanitizer keeps (docs/contenu-autorise.md)."""
    headings = ", ".join(f"« # {kind.title} »" + ("" if kind.required else " (facultatif)")
                         for kind in SECTIONS)
    hint = (f"Le texte de la recette, en sections dans cet ordre : {headings}. Gardez ces titres de "
            "niveau 1 (« Titre 1 » du menu « H » ; en Markdown, une ligne qui commence par « # »). Sous "
            "chacun, chaque élément a un titre court de niveau 2 (« Titre 2 », « ## »), suivi de son "
            "texte. Remplacez chaque « À compléter ». Pour une image : bouton « + », puis « Image ».")
    return {"name": BODY, "label": "Texte de la recette", "widget": "markdown", "hint": french(hint),
            "default": default_body(), "modes": ["rich_text", "raw"],
            "buttons": ["bold", "italic", "code", "link", "heading-one", "heading-two", "heading-three", "quote",
                        "bulleted-list", "numbered-list"],
            "editor_components": ["image"], "sanitize_preview": True}


