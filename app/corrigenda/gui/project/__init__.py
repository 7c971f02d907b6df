"""A project's life in the window: opening, closing, files, word lists, warnings."""
