"""Structured logging: one event per line, `key=value`, never secrets or card data."""

from __future__ import annotations

import logging
import sys
import time


class _LineFormatter(logging.Formatter):
    converter = time.gmtime

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().replace("\n", " | ")
        line = (
            f"{self.formatTime(record, '%Y-%m-%dT%H:%M:%S')}.{int(record.msecs):03d}Z "
            f"{record.levelname.lower()} {record.name} [{record.threadName}] {message}"
        )
        if record.exc_info:
            line += " | " + self.formatException(record.exc_info).replace("\n", " | ")
        return line


def setup(level: str = "info") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LineFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # At DEBUG stripe-python logs whole responses (client secrets among them): never that.
    logging.getLogger("stripe").setLevel(max(logging.INFO, root.level))
