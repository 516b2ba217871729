"""Plain Python types of softone_go (the ones not defined by the Rust extension)."""

from __future__ import annotations

import enum

__all__ = ["EntryType"]


class EntryType(enum.Enum):
    """Whether a punch is an in or an out punch (the GET endpoint usually says ``UNKNOWN``)."""

    IN = "In"
    OUT = "Out"
    UNKNOWN = "Unknown"

    def __repr__(self) -> str:
        return f"EntryType.{self.name}"
