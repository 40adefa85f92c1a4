"""Real concurrency for tests and probes: calls released together, and a pause inside
one of them so that another arrives while it is under way."""

import threading

from tests.pages import isolated


def at_once(calls: list) -> list:
    """Run each call in its own thread, all released together by a barrier; their results
    in order (an exception raised is the result, so that the test can look at it)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(n):
        barrier.wait()
        try:
            results[n] = calls[n]()
        except Exception as error:
            results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def posting(web, url: str, data: dict | None = None, **kw):
    """The call that sends `data` to `url` through a `tests.pages.Web`, its CSRF token
    fetched now, so that many such calls can start at the same moment."""
    data = {"csrf_token": web.token(), **(data or {})}
    return lambda: isolated(web.client.post, url, data=data, **kw)


class Pause:
    """Wraps `function` so that its first call stops until `go()`: `reached` is set when
    it has stopped. Monkeypatch a step with it to hold a request in the middle."""

    def __init__(self, function):
        self.function = function
        self.reached, self._go = threading.Event(), threading.Event()
        self._first = True
        self._lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        with self._lock:
            first, self._first = self._first, False
        if first:
            self.reached.set()
            assert self._go.wait(30), "the paused call was never let go"
        return self.function(*args, **kwargs)

    def go(self):
        self._go.set()


def in_thread(call) -> tuple[threading.Thread, list]:
    """Start `call` in a thread; the list gets its result (or exception) when it ends."""
    result = []

    def run():
        try:
            result.append(call())
        except Exception as error:
            result.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


class Watch:
    """Wraps `function`, counting its calls: `entered[n]` is set as call n (from 1)
    begins and `returned[n]` once it has returned, so a test knows how far another
    request has got."""

    def __init__(self, function, calls: int = 4):
        self.function = function
        self.entered = {n: threading.Event() for n in range(1, calls + 1)}
        self.returned = {n: threading.Event() for n in range(1, calls + 1)}
        self._count = 0
        self._lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        with self._lock:
            self._count += 1
            n = self._count
        if n in self.entered:
            self.entered[n].set()
        try:
            return self.function(*args, **kwargs)
        finally:
            if n in self.returned:
                self.returned[n].set()
