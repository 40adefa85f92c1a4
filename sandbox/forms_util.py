"""One way to render a page holding a form: 400 when what was sent has errors."""

from flask import render_template, request


def render_form(template: str, form, **context):
    status = 400 if request.method == "POST" and form.errors else 200
    return render_template(template, form=form, **context), status
