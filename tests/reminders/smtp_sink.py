"""A real SMTP server for tests (aiosmtpd), which can refuse or hold messages on demand."""

import asyncio
import socket
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self):
        self.messages = []
        self.refuse = 0  # how many more attempts to refuse with 451
        self.refused = 0
        self.hold = threading.Event()  # when cleared, the next RCPT waits (a stuck server)
        self.hold.set()
        self.held = threading.Event()  # set once a message is being held
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not self.hold.is_set():
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.hold.wait)
            return "451 Held until the test says so"
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                self.refused += 1
                return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def recipients(self):
        with self.lock:
            return [m["To"] for m in self.messages]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sink():
    sink = Sink()
    sink.port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    sink.controller = controller
    return sink
