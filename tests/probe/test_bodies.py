"""A request body is bounded however it arrives: with a Content-Length or chunked."""

import pytest

from tests import factories

SERVER_ONLY = True  # a probe of the server: its database plays no part (conftest)

TWO_MB = 2 * 1024 * 1024


def _chunks(total: int, prefix: bytes = b""):
    yield prefix
    sent = len(prefix)
    while sent < total:
        piece = min(64 * 1024, total - sent)
        yield b"x" * piece
        sent += piece


@pytest.mark.parametrize("path", ["/sign-in", "/feedback/new"])
def test_a_chunked_page_of_answers_over_the_limit_is_refused_with_a_plain_page(served, path):
    with served.client() as browser:
        # A form body with no Content-Length (Transfer-Encoding: chunked), twice the
        # 1 MB a page of answers may be, sent before anyone has signed in.
        answer = browser.post(path, content=_chunks(TWO_MB, b"username=a&password="),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert "content-length" not in {k.lower() for k in answer.request.headers}
        assert answer.status_code == 413, answer.text[-300:]
        assert "larger than this service accepts" in answer.text
        assert "1024 KB for a page of answers" in answer.text


def test_chunked_json_over_the_limit_is_refused(served):
    with served.client() as browser:
        answer = browser.post("/sign-in", content=_chunks(TWO_MB, b'{"a": "'),
                              headers={"Content-Type": "application/json",
                                       "Accept": "application/json",
                                       "X-CSRFToken": browser.token()})
        assert answer.status_code == 413


def test_a_small_chunked_form_is_still_read(served):
    with served.context():
        factories.user("trainer")
    with served.client() as browser:
        token = browser.token()
        body = f"csrf_token={token}&username=trainer&password={factories.PASSWORD}".encode()
        answer = browser.post("/sign-in", content=iter([body]),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert answer.status_code == 302, answer.text[-300:]
