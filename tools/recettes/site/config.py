"""The handbook's configuration: the ``recettes`` plugin's options (``PluginConfig``, validated by
MkDocs), ``mkdocs.yml`` read through MkDocs' own loader, and the page ``Options`` derived from
both — the one place where ``mkdocs build`` and ``recettes generate`` get their settings.

``read_mkdocs_config`` uses ``mkdocs.config.load_config``, so ``!ENV``, ``!relative`` and
``INHERIT`` mean what they mean to MkDocs. Errors raised: ``HandbookConfigError`` (French message)
when the file is absent or invalid.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import exceptions
from mkdocs.config import base, load_config
from mkdocs.config import config_options as opt
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig

from recettes.core.licences import DEFAULT_LICENCE, LICENCES
from recettes.history.maintenance import Maintenance
from recettes.publish.cms import FORGES, LOCAL_PORT, CmsOptions
from recettes.publish.introduction import IntroductionError, check_template, resolve_template
from recettes.read.load import RECIPES_DIR
from recettes.site.lock import DEFAULT_TIMEOUT
from recettes.site.map import OSM_ATTRIBUTION, OSM_TILES
from recettes.site.page import Options

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "recettes"


class _IntroductionUrl(opt.Type):  # type: ignore[type-arg]  # mkdocs is untyped there
    """``introduction_url``: checked by ``publish.introduction.check_template`` (French message)."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            return check_template(text)
        except IntroductionError as error:
            raise ValidationError(str(error)) from None


class PluginConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped there
    build_dir = opt.Type(str, default="build/handbook")
    """Where the generated Markdown tree goes, relative to mkdocs.yml (git ignores build/)."""

    edit_url_template = opt.Type(str, default="")
    """Edit link of a recipe, e.g. https://forge.example/org/repo/edit/main/recipes/{slug}/{file}
    ({file} is recipe.md, or recipe.yml for a recipe still in five files);
    empty: derived from repo_url (``{repo_url}/edit/{edit_branch}/recipes/{slug}/``) when set."""

    edit_branch = opt.Type(str, default="main")
    """Branch used when the edit link is derived from repo_url."""

    latest = opt.Type(int, default=6)
    """How many recipes the home page lists as the latest."""

    search = opt.Type(bool, default=True)
    """The handbook's search: a Pagefind index of the built site (``site/search.py``) behind the
    header's search button. Material's ``search`` plugin, if listed, is turned off."""

    atomic = opt.Type(bool, default=True)
    """``mkdocs build`` builds into a sibling folder and swaps it in only when the build succeeded."""

    lock_timeout = opt.Type((int, float), default=DEFAULT_TIMEOUT)
    """Seconds a build waits for another build of the same site to finish (``site/lock.py``)
    before it stops with R140; 0: do not wait."""

    map_tiles = opt.Type(str, default=OSM_TILES)
    """Tile server of the map page (Leaflet URL template)."""

    map_attribution = opt.Type(str, default=OSM_ATTRIBUTION)
    """Credit shown on the map, as the tile server requires (HTML)."""

    cms_backend = opt.Choice(("", *FORGES), default="")
    """The forge of the web form (/admin/) when repo_url's host does not say it: github, gitlab,
    gitea or forgejo; empty: guessed from the host (github.com, gitlab.com, codeberg.org…)."""

    cms_app_id = opt.Type(str, default="")
    """OAuth application id of the web form (GitLab, Gitea, Forgejo), created on the forge."""

    cms_auth_url = opt.Type(str, default="")
    """OAuth server of the web form on GitHub (GitHub needs one that keeps its secret)."""

    cms_local_port = opt.Type(int, default=LOCAL_PORT)
    """Port of decap-server on 127.0.0.1 for the form's local mode (``make atelier`` uses the default)."""

    printable = opt.Type(bool, default=False)
    """Write the printable cards and recueils (PDF, ``site/printing.py``) into ``imprimer/`` and
    link them from the recipe, territory and theme pages; never while serving (``mkdocs serve``
    stays quick: ``recettes print`` makes them on demand). Needs ``site_url`` (the QR codes)."""

    data_licence = opt.Choice(sorted(i for i, known in LICENCES.items() if known.free), default=DEFAULT_LICENCE)
    """The licence the combined open data files (``donnees/``) and the feed are offered under (SPDX
    id of a free licence); only recipes whose licence may join it are in them
    (``core.licences.may_join``). Say the same in ``copyright``."""

    introduction_url = _IntroductionUrl()
    """Where « Demander une mise en relation » leads (``publish.introduction``): an https://,
    http:// or mailto: address template with {title}, {body}, {page}, {recipe}, or ``forge`` (a
    pre-filled new issue on repo_url's forge); empty: pages say how to reach the network, without
    a link. The request names the ambassador's page, never their contact details."""

    maintenance_authors = opt.ListOfItems(opt.Type(str), default=[])
    """E-mails or names of identities whose commits only maintain the corpus (starter content,
    formatting, migrations): they credit nobody and add nothing to « Historique ». Single commits
    are listed in ``.git-blame-ignore-revs``."""


class HandbookConfigError(Exception):
    """``mkdocs.yml`` is absent or invalid; the message is French and says what to do."""


@dataclass(frozen=True)
class HandbookConfig:
    """What the handbook build needs from ``mkdocs.yml``: addresses, folders, plugin options."""

    site_url: str
    repo_url: str
    docs_dir: Path
    plugin: PluginConfig

    @property
    def maintenance(self) -> Maintenance:
        return Maintenance.of(self.plugin.maintenance_authors)

    def options(self, *, site_url: str | None = None, edit_url_template: str | None = None) -> Options:
        """The page options; ``site_url`` and ``edit_url_template`` override the file's."""
        return handbook_options(self.site_url if site_url is None else site_url, self.repo_url,
                                self.plugin, edit_url_template)


def handbook_options(site_url: str, repo_url: str, plugin: PluginConfig,
                     edit_url_template: str | None = None) -> Options:
    """Page options from the site's addresses and the plugin's options (the plugin and
    ``recettes generate`` both come through here)."""
    template = edit_url_template if edit_url_template is not None else plugin.edit_url_template
    if not template and repo_url:
        template = f"{repo_url.rstrip('/')}/edit/{plugin.edit_branch}/{RECIPES_DIR}/{{slug}}/{{file}}"
    cms = CmsOptions(repo_url=repo_url or "", branch=plugin.edit_branch, backend=plugin.cms_backend,
                     app_id=plugin.cms_app_id, auth_url=plugin.cms_auth_url,
                     local_port=plugin.cms_local_port)
    try:
        introduction = resolve_template(plugin.introduction_url, repo_url or "", plugin.cms_backend)
    except IntroductionError as error:
        raise HandbookConfigError(f"{CONFIG_FILE} invalide\u00a0: {error}") from None
    return Options(site_url=site_url or "", edit_url_template=template, latest=plugin.latest,
                   map_tiles=plugin.map_tiles, map_attribution=plugin.map_attribution, cms=cms,
                   data_licence=plugin.data_licence, introduction_url=introduction,
                   printable=plugin.printable)


def read_mkdocs_config(root: Path) -> HandbookConfig:
    """``root/mkdocs.yml`` as MkDocs reads it (``!ENV`` resolved, plugins' options validated)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise HandbookConfigError(f"{CONFIG_FILE} introuvable dans {root}\u00a0: lancez la commande "
                                  "depuis un dépôt de recettes (ou créez-en un avec « recettes init »).")
    quiet = logging.getLogger("mkdocs")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # MkDocs' own notes on the configuration are for `mkdocs build`
    errors = _Errors()
    quiet.addHandler(errors)
    try:
        config = load_config(config_file=str(path))
    except (exceptions.ConfigurationError, exceptions.Abort) as error:
        # MkDocs logs what was wrong and raises « Aborted with a configuration error! »: say the former.
        said = "\u202f; ".join(errors.messages) or str(error)
        raise HandbookConfigError(f"{path.name} invalide\u00a0: {said}") from error
    finally:
        quiet.setLevel(level)
        quiet.removeHandler(errors)
    return HandbookConfig(site_url=str(config.site_url or ""), repo_url=str(config.repo_url or ""),
                          docs_dir=Path(config.docs_dir), plugin=plugin_config(config))


_PLUGIN_OPTION = re.compile(r"Config value 'plugins': Plugin '([^']+)' option '([^']+)': (.*)", re.S)


class _Errors(logging.Handler):
    """The configuration errors MkDocs logs while loading, the plugin options' ones in French
    words (« option « introduction_url » du greffon recettes : … »)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        found = _PLUGIN_OPTION.fullmatch(message)
        if found is not None:
            message = f"option «\u00a0{found[2]}\u00a0» du greffon {found[1]}\u00a0: {found[3]}"
        self.messages.append(message)


def plugin_config(config: MkDocsConfig) -> PluginConfig:
    """The ``recettes`` plugin's validated options, or the defaults when it is not configured."""
    plugin: Any = config.plugins.get(PLUGIN)
    if plugin is not None:
        return plugin.config  # type: ignore[no-any-return]
    defaults = PluginConfig()
    defaults.load_dict({})
    defaults.validate()
    return defaults
