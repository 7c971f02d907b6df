"""Flags in the window: their model, the panel and keys that act on them, fix-all."""
