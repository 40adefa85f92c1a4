"""Slow clients cannot hold the served app: connections that trickle their headers or
their body, more of them than gunicorn has threads, leave others answered promptly, and
are themselves answered 408 and closed once WEB_READ_SECONDS have passed."""

import socket
import threading
import time

SERVER_ONLY = True  # a probe of the server: its database plays no part (conftest)

SERVED_SETTINGS = {"WEB_READ_SECONDS": "4", "WEB_TIMEOUT": "16"}
SLOW = 36  # three workers of four threads: three times as many slow connections


def _slow_connection(served, n: int) -> socket.socket:
    port = int(served.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if n % 3 == 2:  # a body trickled after "Expect: 100-continue"
        sock.sendall(b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     b"application/x-www-form-urlencoded\r\nExpect: 100-continue\r\n"
                     b"Content-Length: 1000\r\n\r\n")
    elif n % 3:  # a body trickled after whole headers
        sock.sendall(b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     b"application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nu")
    else:  # headers trickled
        sock.sendall(b"GET /sign-in HTTP/1.1\r\nHost: x\r\n")
    return sock


def _trickle(sockets, stop: threading.Event, closed: dict):
    while not stop.is_set():
        for n, sock in enumerate(sockets):
            if n in closed:
                continue
            try:
                sock.send(b"x")
            except OSError:
                closed[n] = time.monotonic()
        time.sleep(0.3)


def test_many_slow_connections_leave_a_normal_request_answered(served):
    for _ in range(6):  # every worker has shown the page once (templates compiled)
        with served.client() as warm:
            assert warm.get("/sign-in").status_code == 200
    sockets = [_slow_connection(served, n) for n in range(SLOW)]
    stop, closed = threading.Event(), {}
    trickler = threading.Thread(target=_trickle, args=(sockets, stop, closed))
    trickler.start()
    try:
        time.sleep(1)  # every slow connection has reached a worker
        # Before, every thread waited on a slow connection and this waited for ever.
        with served.client(timeout=10) as browser:
            started = time.monotonic()
            answer = browser.get("/sign-in")
            assert answer.status_code == 200
            assert time.monotonic() - started < 5
        # WEB_READ_SECONDS after it opened, each slow connection is told and closed.
        answers = []
        for sock in sockets:
            sock.settimeout(10)
            answer = b""
            try:  # "100 Continue" may come on its own first
                while len(answer.removeprefix(b"HTTP/1.1 100 Continue\r\n\r\n")) < 12:
                    part = sock.recv(200)
                    if not part:
                        break
                    answer += part
            except OSError:
                pass
            answers.append(answer)
        # (after "100 Continue" for those that asked)
        answers = [a.removeprefix(b"HTTP/1.1 100 Continue\r\n\r\n") for a in answers]
        assert [a[:12] for a in answers] == [b"HTTP/1.1 408"] * SLOW
    finally:
        stop.set()
        trickler.join()
        for sock in sockets:
            sock.close()


def test_a_slow_upload_is_cut_off_before_its_worker_would_be_ended(served):
    """The rest of an upload must arrive within half of WEB_TIMEOUT: trickled, it is cut
    off (and its worker, with everyone else's requests in it, is not ended)."""
    port = int(served.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                 b"boundary=b\r\nContent-Length: 19000000\r\n\r\n" + b"x" * 1_100_000)
    started, cut = time.monotonic(), None
    try:
        while time.monotonic() - started < 25:
            sock.send(b"x")
            time.sleep(0.5)
    except OSError:
        cut = time.monotonic() - started
    finally:
        sock.close()
    assert cut is not None and cut < 12  # half of WEB_TIMEOUT (8 s), before the watchdog (16 s)
    with served.client() as browser:
        assert browser.get("/sign-in").status_code == 200


def test_many_slow_uploads_leave_threads_for_everyone_else(served):
    """Uploads bigger than a page finish arriving in a thread, but at most half of the
    threads do that: the rest are told to try again (503) and a normal page answers."""
    port = int(served.url.rsplit(":", 1)[1])
    sockets = []
    for _ in range(SLOW):
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.sendall(b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/"
                     b"form-data; boundary=b\r\nContent-Length: 19000000\r\n\r\n"
                     + b"x" * 1_100_000)
        sockets.append(sock)
    try:
        time.sleep(1)
        with served.client(timeout=10) as browser:
            started = time.monotonic()
            assert browser.get("/sign-in").status_code == 200
            assert time.monotonic() - started < 5
        told = []
        for sock in sockets:
            sock.settimeout(0.5)
            try:
                told.append(sock.recv(12))
            except OSError:
                told.append(b"")
        assert told.count(b"HTTP/1.1 503") >= SLOW // 2
    finally:
        for sock in sockets:
            sock.close()


def test_an_upload_larger_than_is_read_ahead_still_arrives(served):
    with served.client() as browser:
        token = browser.token()
        # 600 KB of form (more than the worker reads ahead, less than a page may be).
        answer = browser.post("/sign-in", data={"csrf_token": token, "username": "nobody",
                                                "password": "p" * 600_000})
        assert answer.status_code in (200, 400), answer.status_code
        assert "There is a problem" in answer.text or "too long" in answer.text


def test_kept_alive_connections_carry_one_request_after_another(served):
    with served.client() as browser:
        for _ in range(5):
            assert browser.get("/sign-in").status_code == 200
