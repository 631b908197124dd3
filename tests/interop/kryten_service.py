"""A real kryten-py service for the interop tests.

Usage: kryten_service.py NATS_URL NAME HEARTBEAT_SECONDS [logs]

Connects with KrytenClient and a `service` config (startup and heartbeats
from kryten-py itself), prints "connected", and disconnects cleanly when a
line arrives on stdin (or stdin closes), then prints "disconnected".
With `logs`, it ships its log records with contrib/kryten_log_handler.py
and logs an info line, a warning and an exception with its traceback.
"""

import asyncio
import logging
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "contrib"))

from kryten import KrytenClient


async def main() -> None:
    url, name, interval = sys.argv[1], sys.argv[2], int(sys.argv[3])
    logging.basicConfig(level=logging.WARNING)
    client = KrytenClient(
        {
            "nats": {"servers": [url]},
            "channels": [{"domain": "cytu.be", "channel": "interop"}],
            "service": {
                "name": name,
                "version": "9.9.9",
                "heartbeat_interval": interval,
                "enable_heartbeat": True,
                "enable_discovery": True,
            },
        }
    )
    await client.connect()
    handler = None
    if len(sys.argv) > 4 and sys.argv[4] == "logs":
        from kryten_log_handler import KrytenLogHandler

        handler = KrytenLogHandler(client, service=name)
        log = logging.getLogger(f"kryten.{name}")
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
        log.info("interop service ready", extra={"channel": "interop"})
        log.warning("cache is %d%% full", 91)
        try:
            raise ValueError("bad input from interop")
        except ValueError:
            log.exception("handler failed")
    print("connected", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)
    if handler is not None:
        await handler.aclose()
    await client.disconnect()
    print("disconnected", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
