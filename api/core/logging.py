"""Logging for the API process: readable lines, personal data masked.

Uvicorn's access log prints the full URL; query strings can carry an e-mail address
(`GET /cases/{id}?email=...`), so access lines are logged without them.
"""

from __future__ import annotations

import logging
from typing import Any

from careline.pii import PiiMaskingFilter


class _DropQueryString(logging.Filter):
    """Remove the query string from uvicorn access-log records."""

    def filter(self, record: logging.LogRecord) -> bool:
        args: Any = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def configure_logging(level: str = "INFO") -> None:
    """Configure the root and uvicorn loggers once per process."""
    root = logging.getLogger()
    if not any(getattr(h, "_careline", False) for h in root.handlers):
        handler = logging.StreamHandler()
        handler._careline = True  # type: ignore[attr-defined]  # marks our own handler
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
        handler.addFilter(PiiMaskingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _DropQueryString) for f in access.filters):
        access.addFilter(_DropQueryString())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        for uv_handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, PiiMaskingFilter) for f in uv_handler.filters):
                uv_handler.addFilter(PiiMaskingFilter())
