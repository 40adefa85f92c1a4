"""A test client that signs in, sends CSRF tokens like a browser and checks every page."""

import contextvars
import re
from html.parser import HTMLParser

from tests.factories import PASSWORD

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class PageCheck(HTMLParser):
    """Things every HTML page must have: a title, unique ids, forms with a method."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.title = ""
        self._in_title = False
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "title":
            self._in_title = True
        if tag == "form" and "method" not in attrs:
            self.problems.append("a form has no method")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def check_page(html: str) -> None:
    parser = PageCheck()
    parser.feed(html)
    duplicates = {i for i in parser.ids if parser.ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert parser.title.strip(), "page has no title"
    assert not parser.problems, parser.problems
    assert "Traceback" not in html
    assert "training environment" in html.lower()


def classes(html: str, tag: str) -> set[str]:
    """The classes on a page's first `tag` (html, body): several features add their own, in
    any order."""
    found = re.search(rf'<{tag}\b[^>]*\bclass="([^"]*)"', html)
    return set(found.group(1).split()) if found else set()


def check_headers(response) -> None:
    """Every answer the tests get carries the security headers (CSP without inline script,
    a Permissions-Policy)."""
    csp = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp.split(
        "script-src", 1)[1].split(";", 1)[0], csp
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert "camera=()" in response.headers.get("Permissions-Policy", "")


def isolated(call, *args, **kwargs):
    """Run a client call outside the test's own app context, as a real request would be.

    Flask reuses an app context that is already pushed, which would share `g` and the
    database session between the test and every request it makes.
    """
    return contextvars.Context().run(call, *args, **kwargs)


class Web:
    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        self._tokens: dict = {}  # the session's CSRF secret: the token a page gave for it

    def get(self, url: str, status: int = 200, **kw):
        response = isolated(self.client.get, url, **kw)
        assert response.status_code == status, (url, response.status_code, status)
        check_headers(response)
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        if response.status_code // 100 != 3 and "<html" in html:  # pages, not fragments
            check_page(html)
        return response

    def token(self) -> str:
        """A CSRF token for this browser's session, as a page of it carries. Flask-WTF's
        token is the session's secret, signed: one read from a page stays good for as long
        as the session keeps that secret (the setting of the tests sets no time limit), so
        it is read again only when the session's secret changes (signing in or out)."""
        secret = self._session().get("csrf_token")
        if secret is not None and secret in self._tokens:
            return self._tokens[secret]
        html = isolated(self.client.get, "/sign-in").get_data(as_text=True)
        token = TOKEN.search(html).group(1)
        self._tokens = {self._session().get("csrf_token"): token}
        return token

    def _session(self) -> dict:
        """This browser's session as the app reads its cookie."""
        cookie = self.client.get_cookie(self.app.config["SESSION_COOKIE_NAME"])
        if cookie is None:
            return {}
        serializer = self.app.session_interface.get_signing_serializer(self.app)
        try:
            return serializer.loads(cookie.value)
        except Exception:  # noqa: BLE001 (a cookie the app would refuse: read a page again)
            return {}

    def post(self, url: str, data: dict | None = None, status: int = 302, csrf: bool = True,
             **kw):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.token())
        response = isolated(self.client.post, url, data=data, **kw)
        assert response.status_code == status, (
            url, response.status_code, status, response.get_data(as_text=True)[-2000:])
        check_headers(response)
        if response.mimetype == "text/html" and status != 302:
            check_page(response.get_data(as_text=True))
        return response

    def sign_in(self, user, password: str = PASSWORD):
        self.post("/sign-in", {"username": user.username, "password": password})
        return self

    def sign_out(self):
        self.post("/sign-out")
