"""A submitted form as a document for the family and the conference."""

from dataclasses import dataclass, field
from datetime import date

from sandbox.forms import plain_language
from sandbox.forms.answers import is_empty
from sandbox.forms.definitions import Field, FormDef
from sandbox.web.filters import format_date


def describer(definition: FormDef, people):
    """A function turning an answer into words: names for people, labels for options."""
    names = {str(p.id): p.full_name for p in people}

    def describe(f: Field | None, value) -> str:
        if is_empty(value):
            return ""
        if f is None:
            return str(value)
        if f.kind == "date":
            return format_date(date.fromisoformat(value)) if isinstance(value, str) else \
                "/".join(str(value.get(p, "")) for p in ("day", "month", "year"))
        if f.kind == "choice":
            return f.option_label(value)
        if f.kind == "choices":
            return ", ".join(f.option_label(v) for v in value)
        if f.kind == "person":
            return names.get(str(value), "someone no longer in the record")
        if f.kind == "people":
            return ", ".join(names.get(str(v), "someone no longer in the record") for v in value)
        if f.kind == "scale":
            return f"{value} out of 10"
        if f.kind == "repeat":
            return "; ".join(", ".join(describe(s, row.get(s.key)) for s in f.fields
                                       if not is_empty(row.get(s.key))) for row in value)
        return str(value)

    def by_key(key: str, value) -> str:
        return describe(definition.field(key), value)

    describe.by_key = by_key
    return describe


@dataclass
class Item:
    label: str
    kind: str
    text: str = ""
    html: object = None
    rows: list = field(default_factory=list)  # for repeating groups: list of [(label, text)]
    scale: int | None = None


@dataclass
class Document:
    sections: list[tuple[str, list[Item]]]
    reading_ease: float | None
    ease_label: str
    jargon: list


def document(record, definition: FormDef, case, people) -> Document:
    answers = record.answers
    describe = describer(definition, people)
    sections, writing = [], []
    for section in definition.sections:
        items = []
        for f in section.fields:
            value = answers.get(f.key)
            if is_empty(value):
                continue
            if f.kind == "longtext":
                writing.append(value)
                items.append(Item(f.label, f.kind, value, plain_language.marked(value)))
            elif f.kind == "repeat":
                rows = [[(s.label, describe(s, row.get(s.key))) for s in f.fields
                         if not is_empty(row.get(s.key))] for row in value]
                items.append(Item(f.label, f.kind, rows=rows))
            else:
                text = describe(f, value)
                items.append(Item(f.label, f.kind, text, plain_language.marked(text),
                                  scale=value if f.kind == "scale" else None))
        if items:
            sections.append((section.title, items))
    words = "\n\n".join(writing)
    score = plain_language.reading_ease(words)
    # Headings count too: a form that asks about "S47" teaches the family nothing.
    everything = " ".join([definition.title, words] + [
        f"{title} " + " ".join(f"{i.label} {i.text if i.kind != 'longtext' else ''}"
                               for i in items) for title, items in sections])
    return Document(sections, score, plain_language.ease_label(score),
                    plain_language.jargon_in(everything))
