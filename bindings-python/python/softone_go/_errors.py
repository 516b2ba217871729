"""The exception classes of softone_go: one per kind of DESIGN.md's error taxonomy.

The Rust extension raises these; every text in them has already been redacted (no API key,
password or token), and URLs show secrets as ``***``.
"""

from __future__ import annotations

import builtins
from typing import Any, Dict, Optional, Tuple

__all__ = [
    "SoftOneError",
    "ConfigurationError",
    "AuthenticationError",
    "ApiError",
    "RateLimitError",
    "TransportError",
    "TimeoutError",
    "DecodeError",
]


def _rebuild(cls: type, message: str, attrs: Dict[str, Any]) -> "SoftOneError":
    """Unpickle an error: the class, its message and its attributes."""
    err: SoftOneError = cls(message, **attrs)
    return err


class SoftOneError(Exception):
    """Base class of every error raised by softone_go."""

    #: The request's URL with every secret replaced by ``***``, where a request was made.
    url: Optional[str]
    #: The HTTP status of the server's answer, where there was one.
    status_code: Optional[int]
    #: The server's own message (login message, 401 string, 500 ``message``), if any.
    server_message: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        status_code: Optional[int] = None,
        server_message: Optional[str] = None,
        url: Optional[str] = None,
        retry_after: Optional[float] = None,
        entry_index: Optional[int] = None,
        field: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.server_message = server_message
        self.url = url
        if retry_after is not None or isinstance(self, RateLimitError):
            self.retry_after = retry_after
        if entry_index is not None or field is not None or isinstance(self, DecodeError):
            self.entry_index = entry_index
            self.field = field

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        attrs = {
            k: getattr(self, k)
            for k in ("status_code", "server_message", "url", "retry_after", "entry_index", "field")
            if getattr(self, k, None) is not None
        }
        return (_rebuild, (type(self), self.message, attrs))


class ConfigurationError(SoftOneError, ValueError):
    """Bad options or query, found before any network I/O (also a ``ValueError``)."""


class AuthenticationError(SoftOneError):
    """The login was refused, or the server refused a fresh token (HTTP 401)."""


class ApiError(SoftOneError):
    """The server answered with a non-2xx status; see ``status_code`` and ``server_message``."""

    status_code: Optional[int]
    server_message: Optional[str]


class RateLimitError(ApiError):
    """HTTP 429 after the retries were spent; ``retry_after`` is the wait asked for, in seconds."""

    #: The wait the server asked for in ``Retry-After``, in seconds, if it sent one.
    retry_after: Optional[float]


class TransportError(SoftOneError):
    """The connection failed: DNS, connect, TLS, reset, or a body cut off."""


class TimeoutError(TransportError, builtins.TimeoutError):  # noqa: A001 (shadows on purpose)
    """A connect or request timeout (also the builtin ``TimeoutError``)."""


class DecodeError(SoftOneError):
    """The answer is not the documented shape; ``entry_index`` and ``field`` say where."""

    #: The index of the entry in the response array that failed, if inside an entry.
    entry_index: Optional[int]
    #: The wire name of the field that failed (e.g. ``"TimeStamp"``), if known.
    field: Optional[str]
