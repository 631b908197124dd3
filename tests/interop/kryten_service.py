"""A real kryten-py service for the interop tests.

Usage: kryten_service.py NATS_URL NAME HEARTBEAT_SECONDS

Connects with KrytenClient and a `service` config (startup and heartbeats
from kryten-py itself), prints "connected", and disconnects cleanly when a
line arrives on stdin (or stdin closes), then prints "disconnected".
"""

import asyncio
import logging
import sys

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
    print("connected", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)
    await client.disconnect()
    print("disconnected", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
