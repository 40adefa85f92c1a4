"""What the page being drawn is about (which form, case, scenario step), said by the area
that draws it and read by whatever the page carries: the "feedback on this page" link
(sandbox.feedback.views) takes it to the feedback form."""

from flask import g


def about(**facts) -> None:
    g.setdefault("page_about", {}).update(facts)


def facts() -> dict:
    return dict(g.get("page_about", {}))
