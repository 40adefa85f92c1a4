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


def test_every_anchor_of_every_tour_is_on_its_page_for_everyone_it_is_for(app, world):
    """Drawn for each person a tour is for (a trainee's pages are not a trainer's): each
    step's element is on its page for every role in the tour's audience."""
    tenant, people, ids = world
    urls = _pages(ids)
    library = load()
    assert {step.page for tour in library.tours.values() for step in tour.steps} <= set(urls)
    missing = []
    for role in sorted({r for tour in library.tours.values() for r in tour.audience}):
        web = Web(app).sign_in(people[role])
        marked: dict[str, set[str]] = {}
        if people[role].can("run_scenarios"):
            # Before a scenario starts, its list offers each one; once it is under way,
            # the list leads to the child and the panel is beside every page of the copy.
            marked["scenarios"] = set(ANCHOR.findall(web.get("/t/room-1/scenarios/").text))
            web.post("/t/room-1/scenarios/start", {"scenario": "navigation-basics"})
        for tour in library.tours.values():
            if role not in tour.audience:
                continue
            for step in tour.steps:
                if step.page not in marked or step.page == "scenarios":
                    marked[step.page] = marked.get(step.page, set()).union(
                        *(ANCHOR.findall(web.get(url).text) for url in urls[step.page]))
                if step.anchor not in marked[step.page]:
                    missing.append((role, tour.key, step.page, step.anchor))
    assert missing == []
