"""softone-go: a client for the SoftOne GO ``GET /Personell/Time/TimeStampEntry`` endpoint.

One Rust core does the work (login and token renewal, chunking, concurrent requests with
retries, tolerant parsing); this package turns its results into Python objects.

>>> from datetime import date
>>> from softone_go import Simulator
>>> with Simulator() as sim:
...     entries = sim.client().time_stamp_entries(date(2026, 5, 7), date(2026, 5, 7), employees=["107"])
...     len(entries)
6
"""

from ._errors import (
    ApiError,
    AuthenticationError,
    ConfigurationError,
    DecodeError,
    RateLimitError,
    SoftOneError,
    TimeoutError,
    TransportError,
)
from ._native import (
    DEFAULT_BASE_URL,
    VERSION,
    Account,
    AsyncClient,
    Client,
    Simulator,
    TimeStampEntry,
)
from ._types import EntryType

__version__ = VERSION

__all__ = [
    "Client",
    "AsyncClient",
    "Simulator",
    "TimeStampEntry",
    "Account",
    "EntryType",
    "SoftOneError",
    "ConfigurationError",
    "AuthenticationError",
    "ApiError",
    "RateLimitError",
    "TransportError",
    "TimeoutError",
    "DecodeError",
    "DEFAULT_BASE_URL",
    "VERSION",
    "__version__",
]
