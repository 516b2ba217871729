"""Type stubs of softone_go (the Rust extension's classes and the Python ones)."""

import datetime
from types import TracebackType
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Type, Union

from ._errors import (
    ApiError as ApiError,
    AuthenticationError as AuthenticationError,
    ConfigurationError as ConfigurationError,
    DecodeError as DecodeError,
    RateLimitError as RateLimitError,
    SoftOneError as SoftOneError,
    TimeoutError as TimeoutError,
    TransportError as TransportError,
)
from ._types import EntryType as EntryType

__version__: str
VERSION: str
DEFAULT_BASE_URL: str

DateLike = Union[datetime.date, str]
"""A work date: a ``datetime.date`` (not a ``datetime``) or a ``"YYYY-MM-DD"`` string."""
Employees = Optional[Iterable[Union[str, int]]]
"""Employee numbers (ints as their decimal form), or None for all employees."""
ProgressCallback = Callable[[int, int], object]
"""Called with (done_pieces, total_pieces) as request pieces finish."""

class Account:
    """One connected account of a punch."""

    def __init__(self, account_nr: Optional[str] = None, sie_account_dim: Optional[int] = None) -> None: ...
    @property
    def account_nr(self) -> Optional[str]:
        """The account number (wire ``AccountNr``)."""
    @property
    def sie_account_dim(self) -> Optional[int]:
        """The SIE accounting dimension (wire ``SieAccountDim``)."""
    def to_dict(self) -> Dict[str, Any]:
        """The account as a plain dict."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class TimeStampEntry:
    """One punch-clock entry of one employee (frozen, hashable, picklable).

    ``time_stamp`` is naive when the wire time had no offset and aware (a fixed
    ``datetime.timezone``) when it had one. Python's ``datetime`` holds microseconds, so
    the wire's 7th fraction digit (100 ns ticks) is truncated there; ``time_stamp_iso``
    keeps it exactly.
    """

    def __init__(
        self,
        employee_nr: str,
        time_stamp: Union[datetime.datetime, str],
        entry_type: Union[EntryType, str, None] = None,
        is_break: bool = False,
        employee_external_code: Optional[str] = None,
        account_nr: Optional[str] = None,
        sie_account_dim: Optional[int] = None,
        time_terminal_id: Optional[int] = None,
        accounts: Optional[List[Account]] = None,
        time_schedule_type_codes: Optional[List[str]] = None,
    ) -> None: ...
    @property
    def employee_nr(self) -> str:
        """The employee number (wire ``EmployeeNr``)."""
    @property
    def employee_external_code(self) -> Optional[str]:
        """The employee's external code (wire ``EmployeeExternalCode``)."""
    @property
    def time_stamp(self) -> datetime.datetime:
        """When the punch was made (wire ``TimeStamp``), to the microsecond."""
    @property
    def time_stamp_iso(self) -> str:
        """The timestamp in canonical ISO-8601 form, exact to the wire's 100 ns ticks."""
    @property
    def entry_type(self) -> EntryType:
        """In, out or unknown (wire ``TimeStampEntryType``)."""
    @property
    def is_break(self) -> bool:
        """Whether the punch starts or ends a break (wire ``IsBreak``)."""
    @property
    def account_nr(self) -> Optional[str]:
        """The account number reported with the punch (wire ``AccountNr``)."""
    @property
    def sie_account_dim(self) -> Optional[int]:
        """The SIE dimension of ``account_nr`` (wire ``SieAccountDim``)."""
    @property
    def time_terminal_id(self) -> Optional[int]:
        """The terminal the punch was made on (wire ``TimeTerminalId``)."""
    @property
    def accounts(self) -> List[Account]:
        """Connected accounts (wire ``Accounts``), as a new list."""
    @property
    def time_schedule_type_codes(self) -> List[str]:
        """Codes of the connected extents and deductions (wire ``TimeScheduleTypes``)."""
    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict (accounts as dicts)."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Client:
    """The blocking client. Share it between threads freely; it survives ``os.fork()``."""

    def __init__(
        self,
        *,
        company_api_key: Optional[str] = None,
        connect_api_key: Optional[str] = None,
        license: Optional[str] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        token: Optional[str] = None,
        base_url: str = "https://apiexternal.softone.se",
        timeout: float = 60.0,
        connect_timeout: float = 10.0,
        max_retries: int = 3,
        chunk_days: int = 7,
        max_concurrency: int = 4,
        allow_insecure_http: bool = False,
    ) -> None: ...
    @classmethod
    def from_env(cls) -> "Client":
        """A client from the ``SOFTONE_*`` environment variables."""
    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
    def login(self) -> None:
        """Log in now (normally done lazily), to check the credentials early."""
    def time_stamp_entries(
        self,
        date_from: DateLike,
        date_to: DateLike,
        employees: Employees = None,
        on_progress: Optional[ProgressCallback] = None,
    ) -> List[TimeStampEntry]:
        """Every entry of the work dates ``date_from``..``date_to`` (inclusive), sorted by
        (employee, time). The GIL is released while waiting; Ctrl-C interrupts it."""
    def close(self) -> None:
        """Nothing to release (kept for symmetry)."""
    def __enter__(self) -> "Client": ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> bool: ...

class AsyncClient:
    """The asyncio client; cancelling the awaiting task cancels its requests."""

    def __init__(
        self,
        *,
        company_api_key: Optional[str] = None,
        connect_api_key: Optional[str] = None,
        license: Optional[str] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        token: Optional[str] = None,
        base_url: str = "https://apiexternal.softone.se",
        timeout: float = 60.0,
        connect_timeout: float = 10.0,
        max_retries: int = 3,
        chunk_days: int = 7,
        max_concurrency: int = 4,
        allow_insecure_http: bool = False,
    ) -> None: ...
    @classmethod
    def from_env(cls) -> "AsyncClient":
        """A client from the ``SOFTONE_*`` environment variables."""
    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
    @property
    def closed(self) -> bool:
        """Whether ``aclose()`` was called."""
    def login(self) -> Awaitable[None]:
        """Log in now (normally done lazily)."""
    def time_stamp_entries(
        self,
        date_from: DateLike,
        date_to: DateLike,
        employees: Employees = None,
        on_progress: Optional[ProgressCallback] = None,
    ) -> Awaitable[List[TimeStampEntry]]:
        """Every entry of the query, sorted by (employee, time)."""
    def aclose(self) -> Awaitable[None]:
        """Close the client; later calls raise ``RuntimeError``."""
    def __aenter__(self) -> Awaitable["AsyncClient"]: ...
    def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> Awaitable[bool]: ...

class Simulator:
    """A local SoftOne GO server with seeded data and fault injection (a context manager)."""

    def __init__(
        self,
        employees: int = 50,
        days: int = 31,
        seed: int = 7,
        port: int = 0,
        *,
        host: str = "127.0.0.1",
        start_date: Union[datetime.date, str, None] = None,
        login_failure_delay: float = 2.0,
        token_activation_window: float = 60.0,
        token_max_age: float = 3600.0,
        token_idle_timeout: float = 3600.0,
        entry_type_style: str = "zero",
        key_case: str = "pascal",
        max_query_len: int = 2048,
        latency: float = 0.0,
        per_entry_cost: float = 0.0,
    ) -> None: ...
    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:41234``."""
    @property
    def credentials(self) -> Dict[str, str]:
        """The keyword arguments of ``Client(...)`` for this simulator (incl. ``base_url``)."""
    @property
    def login_count(self) -> int:
        """Number of login requests so far."""
    @property
    def data_request_count(self) -> int:
        """Number of data requests so far."""
    @property
    def entry_count(self) -> int:
        """Number of entries the simulated company has."""
    def client(self, **overrides: Any) -> Client:
        """A ``Client`` for this simulator; keyword arguments override the defaults."""
    def async_client(self, **overrides: Any) -> AsyncClient:
        """An ``AsyncClient`` for this simulator; keyword arguments override the defaults."""
    def inject(self, fault: Dict[str, Any]) -> None:
        """Queue a fault, e.g. ``{"fault": "status", "status": 503, "times": 2}``."""
    def inject_json(self, json: str) -> None:
        """Queue a fault given as JSON text."""
    def clear_faults(self) -> None:
        """Remove every queued fault."""
    def set_latency(self, latency: float) -> None:
        """Set the latency added to every data request, in seconds."""
    def revoke_tokens(self) -> None:
        """Invalidate every issued token."""
    def requests(self) -> List[Dict[str, Any]]:
        """The request log, oldest first (secrets shown as ``***``)."""
    def clear_requests(self) -> None:
        """Empty the request log."""
    def close(self) -> None:
        """Stop the server (idempotent)."""
    def __enter__(self) -> "Simulator": ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> bool: ...
