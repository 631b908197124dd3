"""A real kryten-py service for the interop tests.

Usage: kryten_service.py NATS_URL NAME HEARTBEAT_SECONDS [logs] [commands]

Connects with KrytenClient and a `service` config (startup and heartbeats
from kryten-py itself), prints "connected", and disconnects cleanly when a
line arrives on stdin (or stdin closes), then prints "disconnected".
With `logs`, it ships its log records with contrib/kryten_log_handler.py
and logs an info line, a warning and an exception with its traceback.
With `commands`, it answers `system.shutdown` on kryten.NAME.command (as
services that implement it do) and then exits, for its supervisor to start
it again; other commands get "Unknown command" — or, with `quiet` too, no
reply at all (so liveness comes from heartbeats alone). With `config`, it
answers `system.config` with its config — password in clear, as some real
services do — and a log level from $KRYTEN_TEST_LOG_LEVEL.
$KRYTEN_TEST_RECONNECT_WAIT sets the seconds between reconnect attempts.
"""

import asyncio
import json
import logging
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "contrib"))

from kryten import KrytenClient


async def main() -> None:
    url, name, interval = sys.argv[1], sys.argv[2], int(sys.argv[3])
    logging.basicConfig(level=logging.WARNING)
    client = KrytenClient(
        {
            "nats": {
                "servers": [url],
                # A test of a bus outage may slow the reconnect, so that
                # krytend is back on the bus before the service flushes
                # what it buffered.
                "reconnect_time_wait": int(os.environ.get("KRYTEN_TEST_RECONNECT_WAIT", "2")),
            },
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
    stop = asyncio.Event()
    if "commands" in sys.argv[4:]:

        async def on_command(msg):
            try:
                req = json.loads(msg.data.decode())
            except ValueError:
                await msg.respond(json.dumps({"error": "Invalid JSON"}).encode())
                return
            cmd = req.get("command")
            if cmd == "system.config" and "config" in sys.argv[4:]:
                data = {
                    "nats": {"servers": [url], "user": "interop", "password": "hunter2-FAKE-SECRET"},
                    "service": {"name": name, "heartbeat_interval": interval},
                    "log_level": os.environ.get("KRYTEN_TEST_LOG_LEVEL", "INFO"),
                }
                await msg.respond(json.dumps({"service": name, "command": cmd, "success": True, "data": data}).encode())
            elif cmd == "system.shutdown":
                reply = {"service": name, "command": cmd, "success": True,
                         "data": {"success": True, "message": "Shutdown initiated",
                                  "delay_seconds": 0, "reason": req.get("reason")}}
                await msg.respond(json.dumps(reply).encode())
                stop.set()
            elif "quiet" not in sys.argv[4:]:
                reply = {"service": name, "command": cmd, "success": False,
                         "error": f"Unknown command: {cmd}"}
                await msg.respond(json.dumps(reply).encode())

        await client.subscribe(f"kryten.{name}.command", on_command)
    print("connected", flush=True)
    loop = asyncio.get_running_loop()
    line = loop.run_in_executor(None, sys.stdin.readline)
    await asyncio.wait([line, asyncio.ensure_future(stop.wait())], return_when=asyncio.FIRST_COMPLETED)
    if handler is not None:
        await handler.aclose()
    await client.disconnect()
    print("disconnected", flush=True)
    # The stdin reader thread may still block; do not wait for it.
    os._exit(0)


if __name__ == "__main__":
    asyncio.run(main())
