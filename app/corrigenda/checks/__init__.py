"""Error flagging: checks that point at likely OCR errors, with ranked suggestions.

The API the GUI and the CLI use:

- `flagger_for(project, kinds=None, extra_names=())` -> (Flagger, problems): a flagger over
  the project's document; `Flagger.flag_document()`, `.flag_page(page_id)`,
  `.flag_line(page_id, line_id)`, and `.update_line(page_id, new_line)` after an edit (returns
  fresh flags for that line and its collation twins).
- `Flag`: page (1-based), line (1-based within the page), start/end (offsets into
  `Page.layout()`'s text), text, kind, score in [0, 1], explanation, suggestions (best first),
  page_id/line_id (stable ids), check (the check that raised it); `.to_json()`.
- Registry: `all_checks()`, `all_kinds()`, `register`.
- Decisions (each recorded through the project's write path): `accept`, `apply_flags`,
  `ignore`, `ignore_everywhere`, `accept_word`, `add_name`, `add_rule`, `unlearn` and
  `relearn` (a form of the document's own vocabulary, `context.vocabulary.learned`).
- Concordance: `concordance(document, query, replacement)`, `apply_concordance(...)`.
- Lists: `read_name_list(path)`, `parse_name_list(text, source)`, `name_list_setting(path)`
  (a list checked before a project stores it).
"""

from __future__ import annotations

from corrigenda.checks.catalogue import all_checks, all_kinds
from corrigenda.checks.concordance import Occurrence, apply_concordance, concordance
from corrigenda.checks.engine import Flagger
from corrigenda.checks.flag import Flag
from corrigenda.checks.flag_decisions import (
    accept,
    accept_word,
    add_name,
    add_rule,
    apply_flags,
    ignore,
    ignore_everywhere,
    relearn,
    unlearn,
)
from corrigenda.checks.names import NameList, parse_name_list
from corrigenda.checks.project_flagger import (
    build_context,
    flagger_for,
    name_list_setting,
    read_name_list,
)
from corrigenda.checks.registry import register

__all__ = [
    "Flag",
    "Flagger",
    "NameList",
    "Occurrence",
    "accept",
    "accept_word",
    "add_name",
    "add_rule",
    "all_checks",
    "all_kinds",
    "apply_concordance",
    "apply_flags",
    "build_context",
    "concordance",
    "flagger_for",
    "ignore",
    "ignore_everywhere",
    "name_list_setting",
    "parse_name_list",
    "read_name_list",
    "register",
    "relearn",
    "unlearn",
]
