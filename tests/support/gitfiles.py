"""A plain GitPython reading of one folder at one commit: the reference that the batched
``read_many_files_at`` is tested against (test-only, not shipped in the package)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import git

from recettes.history.gitlog import UnknownRef, open_repo


def read_files_at(root: Path, sha: str, folder: str) -> dict[str, bytes]:
    """The files under ``folder`` (relative to ``root``) at commit ``sha``, by relative name.

    Empty when the folder did not exist then; ``UnknownRef`` when ``sha`` is unknown.
    """
    try:
        repo, prefix = open_repo(Path(root))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
        raise UnknownRef(f"pas de dépôt git dans {root}") from error
    with repo:
        try:
            tree = repo.commit(sha).tree
        except (git.BadName, ValueError) as error:
            raise UnknownRef(f"commit inconnu\u00a0: {sha!r}") from error
        try:
            folder_tree = tree / (prefix + folder.strip("/"))
        except KeyError:
            return {}
        if not isinstance(folder_tree, git.Tree):
            return {}
        base = PurePosixPath(folder_tree.path)
        return {
            PurePosixPath(item.path).relative_to(base).as_posix(): item.data_stream.read()
            for item in folder_tree.traverse()
            if isinstance(item, git.Blob)
        }
