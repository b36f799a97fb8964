"""Text from outside (transcripts, file names, notes, user prompt files) made harmless to show:
control characters that a terminal or a document would act on are replaced by U+FFFD."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (ESC and CSI start terminal sequences), and the
# bidirectional overrides and isolates that can make text read differently from what it is, and
# lone surrogates (the bytes of a file name that is not UTF-8), which a UTF-8 stream cannot write.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def printable(text: object) -> str:
    """`text` as a string with every unsafe control character replaced (newline and tab kept)."""
    return _UNSAFE.sub(REPLACEMENT, str(text))
