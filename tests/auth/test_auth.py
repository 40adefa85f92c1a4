from sqlalchemy import select

from sandbox.auth.models import User
from sandbox.core.extensions import db
from tests.factories import PASSWORD
from tests.pages import Web


def test_sign_in_and_out(web, make):
    user = make.user("trainer")
    response = web.post("/sign-in", {"username": "trainer", "password": PASSWORD})
    assert response.location == "/"
    assert "Test trainer" in web.get("/").get_data(as_text=True)
    web.post("/sign-out")
    assert web.get("/", status=302).location.startswith("/sign-in")
    assert user.password_hash != PASSWORD and PASSWORD not in user.password_hash


def test_wrong_password_is_a_clear_400(web, make):
    make.user("trainer")
    page = web.post("/sign-in", {"username": "trainer", "password": "nope"}, status=400)
    text = page.get_data(as_text=True)
    assert "Enter a correct username and password" in text
    assert "<title>Error: Sign in" in text
    web.post("/sign-in", {"username": "", "password": ""}, status=400)


def test_deactivated_account_cannot_sign_in(web, make):
    user = make.user("trainer")
    user.active = False
    db.session.commit()
    web.post("/sign-in", {"username": "trainer", "password": PASSWORD}, status=400)


def test_forms_need_a_csrf_token(web, make):
    make.user("trainer")
    web.post("/sign-in", {"username": "trainer", "password": PASSWORD}, csrf=False, status=400)
    web.sign_in(db.session.scalar(select(User)))
    web.post("/sign-out", csrf=False, status=400)
    web.post("/sign-out", {"csrf_token": "forged"}, status=400)


def test_next_goes_only_to_this_site(web, make):
    make.user("trainer")
    good = web.post("/sign-in?next=/tenants/", {"username": "trainer", "password": PASSWORD})
    assert good.location == "/tenants/"
    web.sign_out()
    evil = web.post("/sign-in?next=//evil.example/x",
                    {"username": "trainer", "password": PASSWORD})
    assert evil.location == "/"


def test_security_headers(web):
    response = web.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cookies_are_secure_when_served_over_https(app, make):
    app.config["SESSION_COOKIE_SECURE"] = True
    web = Web(app)
    web.sign_in(make.user("trainer"))
    jar = web.client.get_cookie("session")
    assert jar is not None and jar.secure and jar.http_only
