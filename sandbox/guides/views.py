from flask import Blueprint, abort, render_template, request

from sandbox.core.permissions import requires
from sandbox.guides import library

bp = Blueprint("guides", __name__, url_prefix="/guides")


@bp.route("/")
@requires("read_guides")
def index():
    query = request.args.get("q", "")[:100].strip()
    return render_template("guides/index.html", guides=library.all_guides(), query=query,
                           matches=library.search(query) if query else None)


@bp.route("/<name>")
@requires("read_guides")
def show(name: str):
    found = library.guide(name) or abort(404)
    return render_template("guides/show.html", guide=found)
