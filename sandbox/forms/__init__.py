"""The registry of form definitions: the YAML files in forms/, their fields and answer
rules, comparisons and plain language."""


def init_app(app):
    from sandbox.forms import definitions, plain_language

    # A broken form definition stops the app here, naming the file and line.
    app.extensions["forms"] = registry = definitions.load()
    app.jinja_env.filters["jargon"] = plain_language.marked
    app.context_processor(lambda: {
        "form_registry": registry,
        "form_definition": lambda record: registry.form(record.version_set, record.form_key),
    })
