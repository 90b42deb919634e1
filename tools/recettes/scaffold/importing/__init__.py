"""``recettes import``: legacy Markdown fiches (folders or git repositories) -> draft recipes.

``source`` finds the fiches of a source, ``fiche`` normalises and splits their Markdown,
``table`` maps headings (``headings.yml``), ``convert`` makes a draft of each fiche, ``links``
rewrites links and images, ``metadata`` writes licence, sources and provenance, ``writer``
writes the recipes and the import state, ``report`` says what happened, ``run`` chains them
(``import_sources``).
"""
