"""Ship a kryten-py service's log records to krytend over NATS.

Drop this file into a service and attach the handler once the client is
connected:

    from kryten import KrytenClient
    from kryten_log_handler import KrytenLogHandler

    client = KrytenClient(config)
    await client.connect()
    handler = KrytenLogHandler(client, service="userstats")
    logging.getLogger().addHandler(handler)
    ...
    await handler.aclose()          # before client.disconnect(), to flush

Each record is published to ``kryten.logs.<service>`` as JSON:
``{service, level, message, timestamp, logger}``, plus ``exception`` (the
formatted traceback) when there is one and any ``extra=`` fields as
attributes. ``krytenctl logs <service>`` shows them.

The handler never blocks the caller: records go to a bounded queue that one
task publishes from. When the queue is full the oldest records are dropped
and the next record published says how many were lost. Records from threads
other than the event loop's are accepted too.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
import logging
from typing import Any

__all__ = ["KrytenLogHandler"]

# Attributes every LogRecord has; anything else came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class KrytenLogHandler(logging.Handler):
    def __init__(
        self,
        client: Any,
        service: str,
        *,
        level: int = logging.NOTSET,
        queue_size: int = 10_000,
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(level)
        self.client = client
        self.service = service
        self.subject = f"kryten.logs.{service}"
        self._loop = loop or asyncio.get_running_loop()
        self._queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(maxsize=queue_size)
        self._dropped = 0
        self._task = self._loop.create_task(self._pump())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            doc = self._to_doc(record)
        except Exception:  # noqa: BLE001 - logging must never raise
            self.handleError(record)
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._put(doc)
        else:
            self._loop.call_soon_threadsafe(self._put, doc)

    def _put(self, doc: dict[str, Any]) -> None:
        while True:
            try:
                self._queue.put_nowait(doc)
                return
            except asyncio.QueueFull:
                try:
                    self._queue.get_nowait()
                    self._dropped += 1
                except asyncio.QueueEmpty:
                    pass

    def _to_doc(self, record: logging.LogRecord) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "service": self.service,
            "level": record.levelname,
            "message": record.getMessage(),
            "timestamp": _dt.datetime.fromtimestamp(record.created, tz=_dt.timezone.utc).isoformat(),
            "logger": record.name,
        }
        if record.exc_info:
            doc["exception"] = logging.Formatter().formatException(record.exc_info)
        elif record.exc_text:
            doc["exception"] = record.exc_text
        if record.stack_info:
            doc["stack_info"] = record.stack_info
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in doc:
                try:
                    json.dumps(value)
                    doc[key] = value
                except (TypeError, ValueError):
                    doc[key] = repr(value)
        return doc

    async def _pump(self) -> None:
        while True:
            doc = await self._queue.get()
            if doc is None:
                return
            if self._dropped:
                doc["dropped_before"] = self._dropped
                self._dropped = 0
            try:
                await self.client.publish(self.subject, json.dumps(doc))
            except Exception:  # noqa: BLE001 - keep shipping after a hiccup
                self._dropped += 1

    async def aclose(self) -> None:
        """Publish what is queued, then stop."""
        await self._queue.put(None)
        await self._task
        self.close()
