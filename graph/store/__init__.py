"""Where the graph is kept: the embedded Oxigraph store on disk, or any SPARQL 1.1 server.

Both kinds answer the one interface, :class:`Store`; :func:`open_store` gives the one a ``--store``
value names. Everything above this layer (lookups, exports, the server, ingest) is written against
:class:`Store` and never against ``pyoxigraph`` or HTTP directly.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Protocol

from asckg.graph.store.embedded import LetterStore

if TYPE_CHECKING:
    import pyoxigraph as ox

    from asckg.graph.model.build import LetterQuads
    from asckg.graph.model.nquads import SerializedLetter

__all__ = ["Store", "LetterStore", "open_store", "is_remote"]


class Store(Protocol):
    """What asckg asks of a store: one named graph per letter, SPARQL in, rows out."""

    read_only: bool

    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc: object) -> None: ...
    def close(self) -> None: ...
    def __len__(self) -> int: ...

    # -- reading -----------------------------------------------------------------------------
    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]: ...
    def column(self, sparql: str, name: str, bindings: Mapping[str, Any] | None = None) -> list[str | None]: ...
    def iter_rows(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]: ...
    def ask(self, sparql: str) -> bool: ...
    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any: ...
    def stats(self) -> dict[str, int]: ...
    def stored_hash(self, letter_iri: str) -> str | None: ...
    def quads(self, subject: Any = None, predicate: Any = None, object: Any = None,  # noqa: A002
              graph: Any = None) -> Iterator["ox.Quad"]: ...
    def named_graphs(self) -> Iterator["ox.NamedNode"]: ...
    def dump(self, output: Any, format: "ox.RdfFormat", *, prefixes: Mapping[str, str] | None = None) -> Any: ...  # noqa: A002
    def dataset(self) -> Any: ...

    # -- writing -----------------------------------------------------------------------------
    def put_letters(self, batch: list[tuple["LetterQuads | SerializedLetter", str]]) -> list[bool]: ...
    def replace_graph(self, graph_iri: str, quads: list["ox.Quad"]) -> None: ...
    def clear_graph(self, graph_iri: str) -> None: ...
    def add_quads(self, quads: list["ox.Quad"]) -> None: ...
    def remove_letter(self, letter_iri: str) -> None: ...
    def update(self, sparql_update: str) -> None: ...
    def flush(self) -> None: ...


def is_remote(spec: str) -> bool:
    """True for a ``--store`` value that names a server rather than a directory."""
    scheme = spec.split("://", 1)[0] if "://" in spec else ""
    return scheme.split("+")[-1] in ("http", "https")


def open_store(spec: str | os.PathLike[str], *, read_only: bool = False) -> Store:
    """The store a ``--store`` value names: a directory (embedded Oxigraph) or a SPARQL server URL."""
    if isinstance(spec, str) and is_remote(spec):
        from asckg.graph.store.remote import RemoteStore  # urllib and http.client only when needed

        return RemoteStore(spec, read_only=read_only)
    return LetterStore(spec, read_only=read_only)
