"""The ``recettes`` command (click). Nothing else in the package imports it."""
