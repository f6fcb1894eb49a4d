"""Open "the store at this address": a PostgreSQL address (`postgresql://user@host/db`) or
a data folder (a SQLite file in it). Every command that takes `--data` opens its store here,
so a new command gets both stores for free."""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from simulasi.store.interface import ResultsStore
from simulasi.store.sqlite import DB_NAME, ENV_DATA, Store, data_dir

SCHEMES = ("postgresql://", "postgres://")


def address_of(data: str | os.PathLike[str] | None) -> str | os.PathLike[str] | None:
    """`--data` if given, else $SIMULASI_DATA (None: the user data folder)."""
    if data:
        return data
    return os.environ.get(ENV_DATA) or None


def is_postgres(data: str | os.PathLike[str] | None) -> bool:
    address = address_of(data)
    return isinstance(address, str) and address.lower().startswith(SCHEMES)


def redact(address: str) -> str:
    """The address without any password (in its user part or its query), for messages."""
    try:
        parts = urlsplit(address)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            netloc = userinfo.partition(":")[0] + "@" + hostport
        query = urlencode(
            [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return address.partition("://")[0] + "://..."


def has_store(data: str | os.PathLike[str] | None) -> bool:
    """Is there a store to read at this address? (A database server: assumed, asked on
    opening; a folder: its file exists.)"""
    if is_postgres(data):
        return True
    return (data_dir(data) / DB_NAME).exists()


def open_store(
    data: str | os.PathLike[str] | None = None,
    *,
    create: bool = True,
    read_only: bool = False,
    owner: str | None = None,
    clock: Callable[[], float] | None = None,
) -> ResultsStore:
    """The store at `data` (`--data`), else at $SIMULASI_DATA, else in the user data folder.

    Raises StoreError (one sentence, the address without its password) for anything that
    keeps it from being used, including a PostgreSQL address without the optional driver.
    """
    address = address_of(data)
    if is_postgres(address):
        from simulasi.store.postgres import PostgresStore

        return PostgresStore.open(
            str(address), create=create, read_only=read_only, owner=owner, clock=clock
        )
    return Store.open(data, create=create, read_only=read_only, owner=owner, clock=clock)
