"""The pages panel: the list of pages, and adding, moving and removing pages."""
