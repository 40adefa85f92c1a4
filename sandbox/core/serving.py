"""gunicorn's threaded worker, made to hold against slow clients (gunicorn.conf.py uses it).

gunicorn's own gthread worker gives a connection one of its few threads as soon as its
first byte arrives, and the thread then waits, with no limit, for the rest of the request:
twenty connections trickling a byte a second hold every thread, and nobody else is
answered. This worker reads each request in its main loop, without a thread, until the
request has arrived whole (or its first READ_AHEAD bytes have, for a large upload), and
only then gives it to a thread; a request that has not arrived within `read_seconds` is
answered 408 and closed. Reads a thread still makes (the rest of a large upload) have a
deadline too: `read_seconds`, plus a second for every `min_rate` bytes the request says
it carries.

A response that says `Connection: close` closes its connection (sandbox.core.deferred says
it when work goes on after the response): gunicorn drops the hop-by-hop headers an app
sets, and would otherwise keep the connection's next request (the page a person is sent on
to) waiting behind that work.
"""

import contextlib
import errno
import re
import selectors
import threading
import time
from collections import deque
from functools import partial

from gunicorn.workers import gthread

HEAD_END = b"\r\n\r\n"
LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
CHUNKED = re.compile(rb"^transfer-encoding:[^\r\n]*chunked", re.IGNORECASE | re.MULTILINE)
CONTINUE = re.compile(rb"^expect:[ \t]*100-continue", re.IGNORECASE | re.MULTILINE)
# A page of answers or JSON (at most 1 MB) arrives whole before a thread takes it; a bigger
# body (a file) is read ahead this far, and the thread reads the rest within its deadline.
# Bounds what a connection holds while it arrives.
READ_AHEAD = 1024 * 1024 + 16 * 1024
CONTINUE_SENT = b"HTTP/1.1 100 Continue\r\n\r\n"
BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain"
        b"\r\nRetry-After: 30\r\nContent-Length: 55\r\n\r\n"
        b"Too many files are being sent now. Try again in a minute.")
TIMED_OUT = (b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain"
             b"\r\nContent-Length: 41\r\n\r\nThe request took too long to arrive whole.")


def arrived_whole(arrived: bytes) -> bool:
    """Whether a request has arrived whole, or as much of it as is read ahead."""
    if len(arrived) >= READ_AHEAD:
        return True
    end = arrived.find(HEAD_END)
    if end < 0:
        return False
    head, body = arrived[:end + 2], len(arrived) - end - len(HEAD_END)
    if CHUNKED.search(head):
        return arrived.endswith(b"0\r\n\r\n")  # the last, empty chunk
    length = LENGTH.search(head)
    return length is None or body >= int(length.group(1))


def declared_length(req) -> int:
    for name, value in req.headers:
        if name == "CONTENT-LENGTH" and value.strip().isdigit():
            return int(value)
    return 0


def closing_when_asked(app):
    """`app`, except that a response with `Connection: close` closes its connection."""
    def wsgi(environ, start_response):
        def start(status, headers, exc_info=None):
            if any(name.lower() == "connection" and value.strip().lower() == "close"
                   for name, value in headers):
                start_response.__self__.force_close()  # gunicorn's response
            return start_response(status, headers, exc_info)
        return app(environ, start)
    return wsgi


class DeadlineSocket:
    """A client's socket whose reads end at `deadline` (when set) with TimeoutError."""

    def __init__(self, sock):
        self.raw = sock
        self.deadline: float | None = None

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def recv(self, size: int, *flags) -> bytes:
        if self.deadline is None:
            return self.raw.recv(size, *flags)
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        was = self.raw.gettimeout()
        self.raw.settimeout(left)
        try:
            return self.raw.recv(size, *flags)
        finally:
            self.raw.settimeout(was)


class ReadingWorker(gthread.ThreadWorker):
    read_seconds = 20.0  # set from WEB_READ_SECONDS by gunicorn.conf.py
    min_rate = 50 * 1024  # bytes a second an upload may not fall below
    # The most a thread waits for the rest of an upload: well inside the watchdog's
    # WEB_TIMEOUT (gunicorn.conf.py), so a slow upload is cut off (408), never its worker.
    upload_seconds = 30.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.arriving: deque = deque()  # connections whose request is still arriving
        # Uploads bigger than READ_AHEAD finish arriving in a thread: at most half of the
        # threads do that at once, so slow uploads never hold every thread.
        self.uploads = threading.BoundedSemaphore(max(1, self.cfg.threads // 2))

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = closing_when_asked(self.wsgi)

    def accept(self, listener):
        if self.cfg.is_ssl:  # TLS is read by the thread (a proxy in front usually ends it)
            return super().accept(listener)
        try:
            client, address = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._read_in_loop(gthread.TConn(self.cfg, DeadlineSocket(client), address,
                                         listener.getsockname()))

    def on_client_socket_readable(self, conn, client):
        # A kept-alive connection's next request: read it in the loop too.
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read_in_loop(conn)

    def _read_in_loop(self, conn):
        conn.sock.raw.setblocking(False)
        conn.arrived, conn.continued, conn.upload = bytearray(), False, False
        conn.timeout = time.monotonic() + self.read_seconds
        self.arriving.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))

    def _on_bytes(self, conn, _sock):
        try:
            data = conn.sock.raw.recv(64 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away
            self._stop_reading(conn)
            self.nr_conns -= 1
            conn.close()
            return
        conn.arrived += data
        if not conn.continued and HEAD_END in conn.arrived and \
                CONTINUE.search(conn.arrived[:conn.arrived.find(HEAD_END) + 2]):
            # The client waits for "100 Continue" before it sends the body: say it here, so
            # the body too arrives in the loop, not in a thread (a second one from gunicorn
            # later is allowed: any number of 1xx answers may come before the response).
            conn.continued = True
            with contextlib.suppress(OSError):
                conn.sock.raw.send(CONTINUE_SENT)
        if arrived_whole(conn.arrived):
            self._stop_reading(conn)
            conn.upload = len(conn.arrived) >= READ_AHEAD
            if conn.upload and not self.uploads.acquire(blocking=False):
                self.nr_conns -= 1
                with contextlib.suppress(OSError):
                    conn.sock.raw.send(BUSY)
                conn.close()
                return
            self.enqueue_req(conn)

    def _stop_reading(self, conn):
        self.poller.unregister(conn.sock)
        self.arriving.remove(conn)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        while self.arriving and self.arriving[0].timeout <= now:
            conn = self.arriving[0]
            self._stop_reading(conn)
            self.nr_conns -= 1
            with contextlib.suppress(OSError):  # the client may have gone already
                conn.sock.raw.send(TIMED_OUT)
            conn.close()

    def handle(self, conn):
        """In a thread: the request that arrived, then (for a large upload) the rest of it."""
        arrived, conn.arrived = bytes(getattr(conn, "arrived", b"")), bytearray()
        conn.data_ready = True  # gunicorn's own wait for a first byte is done
        conn.sock.setblocking(True)
        conn.init()
        if arrived:
            conn.parser.unreader.unread(arrived)
        conn.sock.deadline = time.monotonic() + self.read_seconds
        try:
            return super().handle(conn)
        finally:
            conn.sock.deadline = None
            if getattr(conn, "upload", False):
                conn.upload = False
                self.uploads.release()

    def handle_request(self, req, conn):
        conn.sock.deadline = time.monotonic() + min(
            self.read_seconds + declared_length(req) / self.min_rate, self.upload_seconds)
        return super().handle_request(req, conn)
