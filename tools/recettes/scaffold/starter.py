"""Starter: a new territory's repository, written by ``recettes init`` from ``templates/init``.

The result validates and builds as is: vocabularies (a copy of the network's, to adapt), the
generated JSON Schemas, ``mkdocs.yml``, one example recipe and ambassador, CI templates for
GitHub and GitLab, pre-commit hooks, a Makefile and a README with the two commands.

Installing the tool: it is not on PyPI, so ``requirements.txt`` names where to get it. By default
this is where the running package comes from (its source checkout, or the URL pip recorded in
``direct_url.json``), which works on this machine and offline once dependencies are cached; a
territory publishing with CI replaces it with the git URL of the tool (``--requirement``).
"""

from __future__ import annotations

import json
from importlib import metadata, resources
from pathlib import Path

from recettes import __version__
from recettes.history.worktree import WorktreeError, init_repository
from recettes.publish.schema import write_schemas
from recettes.read.vocabulary import load_vocabulary
from recettes.scaffold.scaffold import ScaffoldError

TOOL_REPOSITORY = "https://forge.example.org/recettes-libres/recettes.git"
"""Placeholder: the public git address of this tool, to set once it is published."""
_TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".txt", ""}
CI_FILES = {"github.yml": ".github/workflows/recettes.yml", "gitlab-ci.yml": ".gitlab-ci.yml",
            "pull_request_template.md": ".github/pull_request_template.md",
            "merge_request_template.md": ".gitlab/merge_request_templates/Default.md",
            "CODEOWNERS": ".github/CODEOWNERS"}
GITLAB_CODEOWNERS = ".gitlab/CODEOWNERS"


def package_requirement() -> str:
    """A pip requirement line that installs the running ``recettes`` package."""
    here = Path(__file__).resolve().parent.parent  # the recettes package
    checkout = here.parent.parent
    if here.parent.name == "tools" and (checkout / "pyproject.toml").is_file():
        return f"recettes @ {checkout.as_uri()}"
    try:
        direct = metadata.distribution("recettes").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    if direct:
        info = json.loads(direct)
        vcs = info.get("vcs_info")
        if vcs:
            return f"recettes @ {vcs['vcs']}+{info['url']}@{vcs.get('commit_id', '')}".rstrip("@")
        return f"recettes @ {info['url']}"
    return f"recettes @ git+{TOOL_REPOSITORY}@v{__version__}"


def _copy_tree(source: resources.abc.Traversable, dest: Path, replacements: dict[str, str]) -> list[Path]:
    written = []
    for item in source.iterdir():
        target = dest / item.name
        if item.is_dir():
            target.mkdir(exist_ok=True)
            written += _copy_tree(item, target, replacements)
            continue
        data = item.read_bytes()
        if Path(item.name).suffix in _TEXT_SUFFIXES or item.name == "Makefile":
            text = data.decode("utf-8")
            for key, value in replacements.items():
                text = text.replace(key, value)
            data = text.encode("utf-8")
        with target.open("xb") as stream:
            stream.write(data)
        written.append(target)
    return written


def write_starter(dest: Path, *, name: str, requirement: str | None = None, git: bool = True) -> list[Path]:
    """Create the repository in ``dest`` (absent or empty); return the files written."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ScaffoldError(f"{dest} existe déjà et n’est pas vide\u00a0: rien n’a été écrit. "
                            "Choisissez un dossier nouveau ou vide.")
    dest.mkdir(parents=True, exist_ok=True)
    templates = resources.files("recettes.scaffold").joinpath("templates")
    replacements = {"%%NAME%%": name, "%%REQUIREMENT%%": requirement or package_requirement()}
    written = _copy_tree(templates.joinpath("init"), dest, replacements)
    for template, target in [*CI_FILES.items(), ("CODEOWNERS", GITLAB_CODEOWNERS)]:
        path = dest / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(templates.joinpath("ci", template).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(path)
    vocabulary, _ = load_vocabulary(dest)
    for schema_name in write_schemas(dest, vocabulary):
        written.append(dest / "schema" / schema_name)
    if git:
        try:
            init_repository(dest)
        except WorktreeError as error:
            raise ScaffoldError(f"Fichiers écrits, mais « git init » a échoué\u00a0: {error}") from error
    return sorted(written)
