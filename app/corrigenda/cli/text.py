"""Text from a project shown on a terminal: control and direction-changing characters escaped.

A page name or reviewer name is data from a file anyone could have edited. Printed raw, a
newline forges a line of `info` or `pages`, and a right-to-left override turns "gpj.exe" into
something else on screen. `shown` prints such characters as escapes (\\n, \\u202e).
"""

from __future__ import annotations

import unicodedata

# Categories Cc (controls) and Cf (format: bidirectional overrides, zero-width characters),
# and the line and paragraph separators.
_ESCAPED = {"Cc", "Cf", "Zl", "Zp"}


def shown(text: str) -> str:
    if text.isprintable() and not any(unicodedata.category(c) in _ESCAPED for c in text):
        return text
    out = []
    for char in text:
        if unicodedata.category(char) in _ESCAPED or (not char.isprintable() and char != " "):
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)
