"""Ask yaml-language-server (the engine of VS Code's YAML extension) what an author sees.

    python scripts/schema_hover.py SERVER SCENARIO.yaml KEY [KEY ...]

SERVER is the `yaml-language-server` executable (`npm install yaml-language-server`, then
`node_modules/.bin/yaml-language-server`). The scenario's first line names its schema
(`# yaml-language-server: $schema=./simulasi-1.schema.json`). For each KEY (a key as written
in the file, e.g. `deadline`; its first occurrence is used) the script prints the hover text
the editor shows, then every diagnostic the server reports for the file. Exit code 0 when
every hover has text, 1 otherwise. A development aid: the test suite does not need Node.js.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

TIMEOUT = 60.0


class Server:
    """A yaml-language-server child speaking LSP (JSON-RPC with Content-Length headers)."""

    def __init__(self, command: str) -> None:
        self.proc = subprocess.Popen(
            [command, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0
        self.notifications: list[dict[str, Any]] = []
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        try:
            while True:
                self.inbox.put(self._read())
        except (RuntimeError, ValueError, OSError):
            return

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict[str, Any]:
        message: dict[str, Any] = self.inbox.get(timeout=TIMEOUT)
        return message

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("yaml-language-server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.proc.stdout.read(length))
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": _answer(message)})
            elif "method" in message:
                self.notifications.append(message)

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)


def _answer(message: dict[str, Any]) -> Any:
    """Replies to the server's own requests: settings with hover and validation on."""
    if message["method"] == "workspace/configuration":
        items = message["params"]["items"]
        return [{"hover": True, "validate": True, "completion": True} for _ in items]
    return None


def _position(text: str, key: str) -> dict[str, int]:
    for number, line in enumerate(text.splitlines()):
        stripped = line.lstrip(" -{")
        if stripped.startswith(f"{key}:"):
            return {"line": number, "character": line.index(key) + 1}
    raise SystemExit(f"no key {key!r} in the file")


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    command, path, keys = argv[0], Path(argv[1]).resolve(), argv[2:]
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    server = Server(command)
    ok = True
    try:
        server.request(
            "initialize",
            {
                "processId": None,
                "rootUri": path.parent.as_uri(),
                "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}}},
            },
        )
        server.notify("initialized", {})
        server.notify(
            "workspace/didChangeConfiguration",
            {"settings": {"yaml": {"hover": True, "validate": True, "completion": True}}},
        )
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        for key in keys:
            hover = server.request(
                "textDocument/hover",
                {"textDocument": {"uri": uri}, "position": _position(text, key)},
            )
            contents = (hover or {}).get("contents", "")
            shown = contents.get("value", "") if isinstance(contents, dict) else str(contents)
            ok = ok and bool(shown.strip())
            print(f"--- hover {key}:\n{shown.strip() or '(nothing)'}")
        # Diagnostics are pushed once the server has validated the file.
        while not any(
            n["method"] == "textDocument/publishDiagnostics" for n in server.notifications
        ):
            message = server.read()
            if "method" in message and "id" in message:
                server.send({"id": message["id"], "result": _answer(message)})
            elif "method" in message:
                server.notifications.append(message)
        for note in server.notifications:
            if note["method"] == "textDocument/publishDiagnostics":
                for diagnostic in note["params"]["diagnostics"]:
                    line = diagnostic["range"]["start"]["line"] + 1
                    print(f"--- diagnostic line {line}: {diagnostic['message']}")
    finally:
        server.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
