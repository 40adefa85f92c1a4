"""The served app answers as deployed: pages, sign-in and the security headers."""

from tests import factories

SERVER_ONLY = True  # a probe of the server: its database plays no part (conftest)


def test_a_person_signs_in_through_the_served_app(served):
    with served.context():
        factories.user("trainer")
    with served.client() as browser:
        assert browser.get("/").status_code == 302
        answer = browser.sign_in("trainer")
        assert answer.status_code == 302, answer.text[-500:]
        home = browser.get("/")
        assert home.status_code == 200
        assert "Test trainer" in home.text
        assert "nonce-" in home.headers["Content-Security-Policy"]
