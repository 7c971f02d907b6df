"""Review mode: the archivist's panel, its models, dialogs and background work."""
