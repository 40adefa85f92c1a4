import pytest

from sandbox.feedback import queue


@pytest.fixture
def requests_(make):
    """Two change requests, each made from a note."""
    author = make.user("trainee", username="author")
    made = []
    for text in ("Address asked again", "Child's voice is an appendix"):
        item = queue.capture(author, "asked_twice", text, {"page": "/x"})
        made.append(queue.make_request([item.id], text, "", "medium", "Wendy"))
    return made
