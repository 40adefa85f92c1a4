"""Walking the floor (/floor): the rooms under way, who may need help, and one seat's place,
read only. Floor walkers help people; the trainer's controls stay on the trainer's room."""

from flask import Blueprint, abort, render_template, url_for

from sandbox.core.permissions import requires
from sandbox.guides.library import render_markdown
from sandbox.scenarios import rooms

bp = Blueprint("floor", __name__, url_prefix="/floor")


def _room_or_404(session_id: int) -> rooms.Room:
    room = rooms.room(session_id)
    if room is None:
        abort(404)
    return room


@bp.route("/")
@requires("walk_floor")
def index():
    live = [rooms.room(s.id) for s in rooms.live()]
    return render_template("floor/index.html", rooms=[r for r in live if r is not None])


@bp.route("/rooms/<int:session_id>")
@requires("walk_floor")
def room(session_id: int):
    room = _room_or_404(session_id)
    return render_template("floor/room.html", room=room,
                           note_url=url_for("feedback.note", room=room.id))


@bp.route("/rooms/<int:session_id>/seats/<int:number>")
@requires("walk_floor")
def seat(session_id: int, number: int):
    room = _room_or_404(session_id)
    view = room.seat(number)
    if view is None or view.tenant is None:
        abort(404)
    place = rooms.place_of(view)
    return render_template("floor/seat.html", room=room, view=view, place=place,
                           instruction=render_markdown(place.instruction)
                           if place.instruction else "",
                           note_url=url_for("feedback.note", room=room.id, seat=number))
