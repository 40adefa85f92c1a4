"""The working group's draft next versions of forms (/form-drafts)."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from sandbox.core.extensions import db
from sandbox.core.permissions import requires
from sandbox.drafts import editor
from sandbox.drafts import service as drafts
from sandbox.drafts.models import FormDraft
from sandbox.drafts.webforms import (
    AddQuestionForm,
    DraftForm,
    PlaceForm,
    QuestionForm,
    options_form,
)
from sandbox.feedback.models import ChangeRequest
from sandbox.forms.compare import compare
from sandbox.recording.service import registry
from sandbox.web.params import whole_number
from sandbox.web.problems import flashed, show_problem
from sandbox.web.widgets import confirm_first

bp = Blueprint("drafts", __name__, url_prefix="/form-drafts")


def _draft_or_404(draft_id: int) -> FormDraft:
    return db.session.get(FormDraft, draft_id) or abort(404)


@bp.route("/")
@requires("draft_forms")
def index():
    return render_template("drafts/drafts.html", drafts=drafts.drafts())


@bp.route("/new", methods=["POST"])
@requires("draft_forms")
def new():
    raw = request.form.get("request_id", "")
    change = db.session.get(ChangeRequest, whole_number(raw)) if whole_number(raw) else None
    if change is None:
        abort(404)
    with flashed():
        draft = drafts.start(change, g.user.full_name)
        return redirect(url_for("drafts.show", draft_id=draft.id))
    return redirect(url_for("feedback.change_request", request_id=change.id))


@bp.route("/<int:draft_id>", methods=["GET", "POST"])
@requires("draft_forms")
def show(draft_id: int):
    draft = _draft_or_404(draft_id)
    form = DraftForm(source=draft.source, seen=drafts.fingerprint(draft.source))
    status = 200
    if form.validate_on_submit():
        try:
            drafts.save(draft, form.source.data, g.user.full_name, form.seen.data or None)
        except drafts.DraftConflict as problem:
            # Their text stays in the box to copy from; the draft as it is now is above.
            form.seen.data = drafts.fingerprint(draft.source)
            form.source.errors = [f"{problem}. Your text is still in the box: copy what "
                                  "you need into it, then save again"]
            status = 409
        except drafts.DraftError as problem:
            show_problem(form, problem, "source")
        else:
            flash("Draft saved. It is a complete form: try it in a sandbox tenant.")
            return redirect(url_for("drafts.show", draft_id=draft.id))
    if status == 200 and form.errors:
        status = 400
    return _draft_page(draft, form, status)


def _draft_page(draft, form, status=200):
    current = registry().form(draft.base_set, draft.form_key)
    newer = registry().form(draft.version_set, draft.form_key)
    try:
        sections = editor.outline(draft.source, registry().shared.get(draft.base_set))
    except editor.EditError as problem:
        sections, unreadable = [], str(problem)
    else:
        unreadable = ""
    return render_template("drafts/draft.html", draft=draft, form=form, current=current,
                           comparison=compare(current, newer), sections=sections,
                           unreadable=unreadable, seen=drafts.fingerprint(draft.source),
                           tenant=drafts.trial_tenant(draft),
                           families=drafts.TRY_FAMILIES), status


def _question_or_404(draft, address):
    try:
        found = editor.find(draft.source, address)
    except editor.EditError:
        found = None
    return found or abort(404)


def _apply(draft, edit, form, fallback: str):
    """Make one change; the problem, if any, next to its box (409 when someone else
    changed the draft first). True when it was saved."""
    try:
        drafts.change(draft, request.form.get("seen", ""), edit, g.user.full_name)
    except drafts.DraftConflict as problem:
        show_problem(form, problem, fallback)
        return 409
    except (editor.EditError, drafts.DraftError) as problem:
        show_problem(form, problem, fallback)
        return 400
    return True


@bp.route("/<int:draft_id>/questions/<address>", methods=["GET", "POST"])
@requires("draft_forms")
def question(draft_id: int, address: str):
    """One question of the draft: its wording, hint, whether it must be answered, its
    answers, its place, and (for a repeating group) its questions. Each form posts one
    change; it works without JavaScript."""
    draft = _draft_or_404(draft_id)
    found = _question_or_404(draft, address)
    wording = QuestionForm(formdata=None, label=found.label, hint=found.hint,
                           required=found.required)
    options = options_form(found.options)(formdata=None)
    place = PlaceForm(formdata=None)
    action, failed, status = request.form.get("action", ""), None, 200
    if request.method == "POST":
        if action == "wording":
            wording = QuestionForm()
            failed = wording
            if wording.validate():
                status = _apply(draft, lambda text: editor.reword(
                    text, address, wording.label.data, wording.hint.data,
                    wording.required.data), wording, "label")
                done = "Wording saved."
        elif action == "options":
            options = options_form(found.options)()
            failed = options
            if options.validate():
                labels = {value: options[f"opt_{n}"].data
                          for n, (value, _label) in enumerate(found.options)}
                remove = {value for n, (value, _label) in enumerate(found.options)
                          if options[f"rm_{n}"].data}
                status = _apply(draft, lambda text: editor.change_options(
                    text, address, labels, remove, options.add_option.data), options,
                    "add_option")
                done = "Answers saved."
        elif action in ("up", "down", "remove"):
            if action == "remove":
                asked = confirm_first(
                    f"Remove “{found.label}” from the draft?",
                    "The next version will not ask it. You can add it again, but not undo "
                    "this.", "Yes, remove it", request.path)
                if asked:
                    return asked
            failed = place = PlaceForm()
            edit = (lambda text: editor.remove_question(text, address)) if action == \
                "remove" else (lambda text: editor.move_question(text, address, action))
            status = _apply(draft, edit, failed, "remove" if action == "remove" else "move")
            done = "Question removed." if action == "remove" else f"Moved {action}."
        else:
            abort(400, "Choose a change to make")
        if status is True:
            flash(done)
            if action == "remove":
                return redirect(url_for("drafts.show", draft_id=draft.id,
                                        _anchor="questions"))
            return redirect(url_for("drafts.question", draft_id=draft.id, address=address))
        if status == 200 and failed is not None and failed.errors:
            status = 400
        draft = _draft_or_404(draft_id)
        found = editor.find(draft.source, address) or found
    return render_template("drafts/question.html", draft=draft, question=found,
                           wording=wording, options=options, place=place, form=failed,
                           seen=drafts.fingerprint(draft.source),
                           current=registry().form(draft.base_set, draft.form_key)), status


@bp.route("/<int:draft_id>/add-question", methods=["GET", "POST"])
@requires("draft_forms")
def add_question(draft_id: int):
    """A new question in a section, or in a repeating group (`group`)."""
    draft = _draft_or_404(draft_id)
    group = request.args.get("group", "")
    section = whole_number(request.args.get("section", "0"))
    try:
        sections = editor.outline(draft.source)
    except editor.EditError:
        abort(404)
    if group:
        holder = editor.find(draft.source, group)
        if holder is None or holder.kind != "repeat":
            abort(404)
        siblings, where = holder.fields, f"the group “{holder.label}”"
    else:
        if section is None or not 0 <= section < len(sections) or sections[section].shared:
            abort(404)
        siblings, where = sections[section].questions, f"the section “{sections[section].title}”"
    form = AddQuestionForm(kind="text") if request.method == "GET" else AddQuestionForm()
    if group:
        form.kind.choices = list(editor.ADDABLE_IN_GROUP.items())
    form.after.choices = [("", f"At the end of {where}")] + [
        (q.key, f"After “{q.label}”") for q in siblings]
    status = 200
    if request.method == "POST" and form.validate():
        made = {}

        def edit(text):
            text, made["address"] = editor.add_question(
                text, section or 0, group, form.after.data, form.kind.data, form.label.data,
                form.hint.data, form.required.data, form.options.data)
            return text

        status = _apply(draft, edit, form, "label")
        if status is True:
            flash("Question added.")
            return redirect(url_for("drafts.question", draft_id=draft.id,
                                    address=made["address"]))
    return render_template("drafts/add_question.html", draft=draft, form=form, where=where,
                           group=group, section=section,
                           seen=drafts.fingerprint(_draft_or_404(draft_id).source),
                           current=registry().form(draft.base_set, draft.form_key)), \
        status if status is not True else 200



@bp.route("/<int:draft_id>/try", methods=["POST"])
@requires("draft_forms")
def try_out(draft_id: int):
    draft = _draft_or_404(draft_id)
    try:
        tenant = drafts.try_out(draft, g.user.username)
    except drafts.DraftError as problem:
        flash(str(problem), "error")
        return redirect(url_for("drafts.show", draft_id=draft.id))
    flash(f"'{tenant.name}' records with the draft {draft.form_key.replace('_', ' ')} form. "
          "Open a child's record and start the form to try it.")
    return redirect(url_for("cases.tenant_home", tenant_name=tenant.name))


@bp.route("/<int:draft_id>/delete", methods=["POST"])
@requires("draft_forms")
def delete(draft_id: int):
    draft = _draft_or_404(draft_id)
    with flashed():
        drafts.delete(draft)
        flash("Draft deleted, with its sandbox tenant.")
        return redirect(url_for("drafts.index"))
    return redirect(url_for("drafts.show", draft_id=draft.id))
