"""The time-saved page as the working group reads it: each version's own form titles, real
figures for short work, whole chart labels, each source's own options, and GOV.UK date
inputs with GOV.UK messages."""

import html
import io
import re

from tests.timing.test_capture import NOTE, _age, _start, periods

LEGACY_NOTE = {"f-note_date-day": "2", "f-note_date-month": "11", "f-note_date-year": "2026",
               "f-note_type": "Telephone call", "f-note_subject": "Visit",
               "f-note_text": "We talked about school."}
LONG = "Social Work Report to Initial / Review Child Protection Conference"


def _submit_case_note(web, make, tenant, seconds, answers=NOTE):
    web.sign_in(make.user("trainer", username=f"t-{tenant.name}"))
    record_id, sitting = _start(web, tenant)
    _age(sitting, seconds)
    web.post(f"/t/{tenant.name}/forms/{record_id}", {"revision": "1", "action": "submit",
                                                     "sitting": str(sitting.id), **answers})
    web.sign_out()


def _chart_labels(page: str) -> list[str]:
    """Each label of the chart as read: its lines joined."""
    chart = page[page.index("<svg"):page.index("</svg>")]
    return [html.unescape(" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label)))
            for label in re.findall(r'<text x="0"[^>]*class="app-chart__label">(.*?)</text>',
                                    chart)]


def _row(page: str, title: str) -> str:
    start = page.index(f'<th scope="row" class="govuk-table__header">{title}')
    return page[start:page.index("</tr>", start)]


def test_each_version_is_named_by_its_own_titles_with_real_figures(web, make):
    from sandbox.tenants import service

    legacy = service.create_from_seed("room-2", 1, 1, form_version="legacy")
    _submit_case_note(web, make, legacy, 25 * 60, LEGACY_NOTE)
    _submit_case_note(web, make, make.tenant("room-1", families=1), 40)
    web.sign_in(make.user("working_group"))
    page = web.get("/timings/?source=versions&before=legacy&after=streamlined").get_data(
        as_text=True)
    row = _row(page, "Case note")  # the streamlined form's own title
    assert "Before: Case Note / Recording" in row  # and the legacy form's, beneath
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', row)
    # About 40 seconds (the page's own few seconds too) is not "0m".
    assert cells[0] == "25m" and re.fullmatch("4[0-9]s", cells[1]) and cells[2] == "24m"
    assert _chart_labels(page) == ["Case note Before: Case Note / Recording"]
    # The legacy title never labels the streamlined row, and the other way round.
    legacy_first = web.get("/timings/?source=versions&before=streamlined&after=legacy"
                           ).get_data(as_text=True)
    assert "Before: Case note" in _row(legacy_first, "Case Note / Recording")
    csv = web.get("/timings/report.csv?source=versions&before=legacy&after=streamlined"
                  ).get_data(as_text=True).splitlines()
    assert csv[0].endswith(",work_type_before") and csv[1].startswith("Case note,25.0,0.7,")
    assert csv[1].endswith(",Case Note / Recording")
    # A change request about the form gives the same figures as evidence.
    from sandbox.core.extensions import db
    from sandbox.feedback.models import ChangeRequest

    change = ChangeRequest(target_kind="form", target="streamlined/case_note", problem="Long",
                           created_by="G", updated_by="G")
    db.session.add(change)
    db.session.commit()
    evidence = web.get(f"/feedback/requests/{change.id}").get_data(as_text=True)
    assert re.search(r"streamlined: median 4[0-9]s over 1 person", evidence)


def test_chart_labels_are_whole(web, make):
    web.sign_in(make.user("working_group"))
    study = f"work_type,period,minutes,case\n{LONG},before,349,A\n{LONG},after,55,B\n"
    web.post("/timings/import", {"study": "Core", "file": (io.BytesIO(study.encode()),
                                                           "s.csv")},
             content_type="multipart/form-data")
    page = web.get("/timings/?source=study&study=Core").get_data(as_text=True)
    assert _chart_labels(page) == [LONG]  # whole, over several lines
    assert page.count('<tspan x="0"') > 1


def test_only_the_chosen_sources_options_are_shown(web, make):
    web.sign_in(make.user("working_group"))
    web.post("/timings/import", {"study": "Core", "file": (io.BytesIO(
        b"work_type,period,minutes,case\nVisit,before,30,A\n"), "s.csv")},
        content_type="multipart/form-data")

    def options(query):
        page = web.get("/timings/?" + query).get_data(as_text=True)
        shown = page[page.index('id="source-options"'):page.index("Show the report</button>")]
        return page, set(re.findall(r'(?:select|input)[^>]* id="([a-z_]+)(?:-day)?"', shown))

    assert options("source=study")[1] == {"study"}
    assert options("source=versions")[1] == {"before", "after"}
    # Another source chosen from a study's options: its report at once, from its defaults.
    page, shown = options("source=versions&shown=study&study=Core")
    assert shown == {"before", "after"} and "Nothing tracked yet for this choice" in page
    # Choosing another source (and "Show the report") shows that source's own options,
    # asking nothing yet: it works the same without JavaScript.
    page, shown = options("source=dates&shown=versions&before=legacy&after=streamlined")
    assert shown == {"before_from", "before_to", "after_from", "after_to"}
    assert "There is a problem" not in page and "Make the choices above" in page
    assert 'type="radio" value="dates" checked' in page
    # Dates are GOV.UK date inputs (day, month, year), never the browser's date picker.
    assert 'type="date"' not in page
    for name in ("before_from", "before_to", "after_from", "after_to"):
        for part in ("day", "month", "year"):
            assert f'id="{name}-{part}" name="{name}-{part}" type="text" inputmode="numeric"' \
                in page
    today = __import__("datetime").date.today()
    assert f'id="after_to-year" name="after_to-year" type="text" inputmode="numeric" ' \
           f'value="{today.year}"' in page  # a period runs to today unless changed
    # The options sent with the source they were for run its report.
    page = web.get("/timings/?source=dates&shown=dates&" + periods(
        "1 1 2026", "31 1 2026", "1 2 2026", "28 2 2026")[len("source=dates&"):])
    assert "Nothing tracked yet for this choice" in page.get_data(as_text=True)


def test_bad_dates_get_govuk_messages_and_a_400(web, make):
    web.sign_in(make.user("working_group"))
    cases = [
        (("", "31 1 2026", "1 2 2026", "28 2 2026"),
         "Enter the date the before period starts", "before_from-day"),
        (("1 2026", "31 1 2026", "1 2 2026", "28 2 2026"),
         "The date the before period starts must include a year", "before_from-year"),
        (("1 1 2026", "31 1 26", "1 2 2026", "28 2 2026"),
         "Year must include 4 numbers", "before_to-year"),
        (("1 1 2026", "31 1 2026", "30 2 2026", "28 2 2026"),
         "The date the after period starts must be a real date between 1900 and 2099",
         "after_from-day"),
        (("1 1 2026", "31 1 2026", "1 3 2026", "28 2 2026"),
         "The date the after period ends must be the same as or after 1 March 2026",
         "after_to-day"),
    ]
    for dates, message, anchor in cases:
        page = html.unescape(web.get("/timings/?" + periods(*dates), status=400).get_data(
            as_text=True))
        start = page.index('class="govuk-error-summary"')
        summary = page[start:page.index("</ul>", start)]
        assert f'<a href="#{anchor}">{message}' in summary, (dates, summary)
        assert f'id="{anchor}"' in page  # the link leads to the box to put right
        assert page.count(message) == 2  # in the summary and at the date itself
        assert "<title>Error: " in page
        assert 'type="radio" value="dates" checked' in page  # the choice is kept
    # Every date that cannot be read is named at once, each at its own date.
    page = html.unescape(web.get("/timings/?" + periods("", "31 1 2026", "1 2", "28 2 2026"),
                                 status=400).get_data(as_text=True))
    start = page.index('class="govuk-error-summary"')
    summary = page[start:page.index("</ul>", start)]
    assert re.findall(r'<a href="#([a-z_-]+)">', summary) == ["before_from-day",
                                                              "after_from-year"]
    assert 'id="before_from-error"' in page and 'id="after_from-error"' in page
    # What was typed stays in the boxes.
    page = web.get("/timings/?" + periods("1 1 2026", "31 1 26", "1 2 2026", "28 2 2026"),
                   status=400).get_data(as_text=True)
    assert 'id="before_to-year" name="before_to-year" type="text" inputmode="numeric" ' \
           'value="26"' in page
    web.get("/timings/report.csv?" + periods("", "", "", ""), status=400)
