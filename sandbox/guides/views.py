from flask import Blueprint, abort, render_template

from sandbox.guides import library
from sandbox.permissions import requires

bp = Blueprint("guides", __name__, url_prefix="/guides")


@bp.route("/")
@requires("read_guides")
def index():
    return render_template("guides/index.html", guides=library.all_guides())


@bp.route("/<name>")
@requires("read_guides")
def show(name: str):
    found = library.guide(name) or abort(404)
    return render_template("guides/show.html", guide=found)
