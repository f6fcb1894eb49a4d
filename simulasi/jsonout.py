"""JSON written to stdout for people and scripts alike (standard library only)."""

from __future__ import annotations

import json
import re

#: Characters JSON may hold raw that a terminal would act on (C1 controls, line separators);
#: json.dumps already escapes the C0 ones.
_JSON_RAW_CONTROL = re.compile("[\x7f-\x9f\u2028\u2029]")


def dump_json(data: object) -> str:
    """JSON for stdout: readable non-ASCII text, every control character escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
