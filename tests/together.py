"""Real concurrency for tests: threads that each set up, then start the work at once."""

import threading


def together(count: int, work) -> list:
    """Run work(n, ready) in `count` threads; each calls ready() when it has set up, and
    all go on from there together. Returns what each returned, in order."""
    barrier = threading.Barrier(count, timeout=60)
    results: list = [None] * count
    errors: list = []

    def run(n):
        try:
            results[n] = work(n, barrier.wait)
        except BaseException as error:  # noqa: BLE001 - reported in the test's thread
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
