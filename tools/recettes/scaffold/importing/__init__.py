"""``recettes import``: legacy Markdown fiches (folders or git repositories) -> draft recipes.

``fiche`` normalises and splits the Markdown, ``table`` maps headings (``headings.yml``),
``convert`` makes a draft of each fiche, ``links`` rewrites links and images, ``writer`` writes
the recipes and the import state, ``run`` chains them (``import_sources``).
"""
