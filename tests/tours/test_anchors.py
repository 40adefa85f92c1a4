"""Every page a tour uses, drawn for real: each element a step is anchored to is on it.
A template that loses a `data-tour` mark fails here, not in front of a room."""

import re

from sandbox.tours.definitions import load
from tests.pages import Web

ANCHOR = re.compile(r'data-tour="([a-z0-9-]+)"')


def _pages(ids) -> dict[str, list[str]]:
    """Each page key: the real URLs that draw it (a form both as a draft and submitted)."""
    return {
        "families": ["/t/room-1/"],
        "child": [f"/t/room-1/children/{ids['child']}"],
        "form": [f"/t/room-1/forms/{ids['draft']}", f"/t/room-1/forms/{ids['submitted']}"],
        "chronology_new": [f"/t/room-1/children/{ids['child']}/chronology/new"],
        "scenarios": ["/t/room-1/scenarios/"],
        "feedback": ["/feedback/new?page=/feedback/mine"],
        "feedback_mine": ["/feedback/mine"],
        "sessions": ["/sessions/"],
        "session_new": ["/sessions/new"],
        "session": [f"/sessions/{ids['session']}"],
        "floor": ["/floor/"],
        "note": ["/feedback/note"],
    }


def test_every_anchor_of_every_tour_is_on_its_page(app, world):
    tenant, people, ids = world
    urls = _pages(ids)
    library = load()
    # The trainer sees every page a tour uses (their own session's room too); the scenario
    # panel is on the page once a scenario is under way.
    web = Web(app).sign_in(people["trainer"])
    # Before a scenario starts, its list offers each one; once it is under way, the list
    # leads to the child and the panel is beside the child's record.
    before = set(ANCHOR.findall(web.get("/t/room-1/scenarios/").get_data(as_text=True)))
    web.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"})
    marked = {page: set().union(*(ANCHOR.findall(web.get(url).get_data(as_text=True))
                                  for url in found)) for page, found in urls.items()}
    marked["scenarios"] |= before
    missing = [(tour.key, step.page, step.anchor) for tour in library.tours.values()
               for step in tour.steps if step.anchor not in marked[step.page]]
    assert missing == []
    assert {step.page for tour in library.tours.values() for step in tour.steps} <= set(urls)
