"""Texts of the guards against hostile or broken input: limits, refused targets, the game's
exit contract, and paraphrases of the YAML parser's own (English) phrases."""

from __future__ import annotations

ID: dict[str, str] = {
    "guard.not_regular_target": "bukan berkas biasa (perangkat, fifo, folder atau symlink); "
    "tidak akan diganti",
}

EN: dict[str, str] = {
    "guard.not_regular_target": "not a regular file (a device, fifo, folder or symlink); "
    "it is not replaced",
}
