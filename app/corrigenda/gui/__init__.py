"""The Qt desktop application: windows, Qt models, undo commands and workers over the core.

Qt lives only in this package. Widgets never change core objects: they push undo commands that
call the project's one write path (`corrigenda.store.Project`), and long work runs on worker
threads that report back through signals.
"""
