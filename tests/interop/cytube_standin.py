"""A stand-in CyTube server on loopback, enough to keep the real kryten-robot running.

Usage: cytube_standin.py DIR

kryten-robot fetches https://{domain}/socketconfig/{channel}.json and then
speaks socket.io (Engine.IO v3, its own client) to the URL given there;
without a CyTube it exits at once. This serves both over HTTPS on a free loopback port with a
self-signed certificate for `localhost` written to DIR/cert.pem (run the
robot with SSL_CERT_FILE pointing at it), answers `joinChannel` and `login`
as CyTube does, and emits a chat message and a user count every half
second, so the robot has channel events to publish on the bus.

Prints "listening PORT CERTFILE" once it accepts connections, and the name
of every socket.io event it receives ("event NAME") as it arrives.
"""

import asyncio
import datetime
import ipaddress
import json
import pathlib
import socket
import ssl
import sys
import time
import uuid

from aiohttp import WSMsgType, web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def self_signed(directory: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file = directory / "cert.pem"
    key_file = directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


HANDSHAKE = '0{"sid":"%s","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":60000}'


def event(name, data) -> str:
    """A socket.io event in an Engine.IO v3 message frame."""
    return "42" + json.dumps([name, data])


async def main() -> None:
    directory = pathlib.Path(sys.argv[1])
    directory.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = self_signed(directory)
    # A free port, chosen before the socketconfig answer must name it.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    sockets: set[web.WebSocketResponse] = set()

    async def socketconfig(_request: web.Request) -> web.Response:
        return web.json_response({"servers": [{"url": f"https://localhost:{port}", "secure": True}]})

    async def engineio(request: web.Request) -> web.StreamResponse:
        if request.query.get("EIO") != "3":
            return web.Response(status=400, text="Engine.IO v3 only")
        if request.query.get("transport") == "polling":
            # The handshake alone, as text ("<length>:<packet>"): the robot
            # parses this one packet and upgrades at once.
            packet = HANDSHAKE % uuid.uuid4().hex
            return web.Response(text=f"{len(packet)}:{packet}", content_type="text/plain")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                break
            data = msg.data
            if data == "2probe":
                await ws.send_str("3probe")
            elif data == "5":
                # Upgraded: the socket.io connect packet, then events.
                await ws.send_str("40")
                sockets.add(ws)
            elif data.startswith("2"):
                await ws.send_str("3" + data[1:])
            elif data.startswith("42"):
                try:
                    payload = json.loads(data[2:])
                except ValueError:
                    continue
                name = payload[0] if payload else ""
                print(f"event {name}", flush=True)
                if name == "joinChannel":
                    await ws.send_str(event("setMotd", "stand-in channel"))
                    await ws.send_str(event("usercount", 1))
                elif name == "login":
                    who = (payload[1] if len(payload) > 1 and isinstance(payload[1], dict) else {}).get("name", "guest")
                    await ws.send_str(event("login", {"success": True, "name": who, "guest": True, "rank": 0}))
        sockets.discard(ws)
        return ws

    async def chatter() -> None:
        n = 0
        while True:
            await asyncio.sleep(0.5)
            n += 1
            chat = event("chatMsg", {"username": "alice", "msg": f"hello {n}", "meta": {}, "time": int(time.time() * 1000)})
            for ws in list(sockets):
                try:
                    await ws.send_str(chat)
                    await ws.send_str(event("usercount", 1))
                except ConnectionError:
                    sockets.discard(ws)

    app = web.Application()
    app.router.add_get("/socketconfig/{channel}.json", socketconfig)
    app.router.add_get("/socket.io/", engineio)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert_file, key_file)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port, ssl_context=ctx).start()
    print(f"listening {port} {cert_file}", flush=True)
    task = asyncio.ensure_future(chatter())
    # Until the test closes our stdin.
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    task.cancel()
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
