"""Importing and exporting time-tracking studies as CSV, through the page and the CLI."""

import json

import pytest
from sqlalchemy import func, select

from sandbox.core.extensions import db
from sandbox.timing import studies
from sandbox.timing.models import TrackedWork

GOOD = (b"work_type,period,minutes,case\n"
        b"Section 47 enquiry,before,210,A1\nSection 47 enquiry,before,200,A2\n"
        b"Section 47 enquiry,after,24,B1\nContact,before,44.5,C1\n")


def _count():
    return db.session.scalar(select(func.count(TrackedWork.id)))


def test_a_good_file_imports_and_exports_the_same(app):
    assert studies.import_study("Spring", GOOD, "T") == 4
    exported = studies.export("Spring").encode()
    assert exported == GOOD
    studies.import_study("Again", exported, "T")
    assert _count() == 8


@pytest.mark.parametrize(("data", "problem"), [
    (b"work_type,period,minutes\nA,before,3\n", "line 1: the columns must be"),
    (b"work_type,period,minutes,case\n", "no rows"),
    (b"work_type,period,minutes,case\nA,during,3,x\n", "line 2: period must be"),
    (b"work_type,period,minutes,case\nA,before,0,x\n", "line 2: minutes must be"),
    (b"work_type,period,minutes,case\nA,before,-5,x\n", "minutes must be"),
    (b"work_type,period,minutes,case\nA,before,nan,x\n", "minutes must be"),
    (b"work_type,period,minutes,case\nA,before,lots,x\n", "minutes must be"),
    (b"work_type,period,minutes,case\n,before,3,x\n", "work_type must be"),
    (b"work_type,period,minutes,case\nA,before,3,x,extra\n", "exactly 4 values"),
    (b"work_type,period,minutes,case\nA,before\n", "exactly 4 values"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"", "the columns must be"),
])
def test_a_bad_file_names_the_line_and_imports_nothing(app, data, problem):
    with pytest.raises(studies.StudyError) as caught:
        studies.import_study("Bad", data, "T")
    assert problem in str(caught.value)
    assert _count() == 0


def test_one_bad_row_among_good_ones_stops_the_whole_file(app):
    data = GOOD + b"Contact,after,x,C2\nContact,after,12,C3\nVisit,sometime,5,V\n"
    with pytest.raises(studies.StudyError) as caught:
        studies.import_study("Mixed", data, "T")
    assert caught.value.problems == [
        "line 6: minutes must be a number above 0 and at most 10080, not 'x'",
        "line 8: period must be 'before' or 'after', not 'sometime'"]
    assert _count() == 0


def test_export_keeps_spreadsheets_from_running_formulas(app):
    studies.import_study("F", b"work_type,period,minutes,case\n=HYPERLINK(1),before,3,@x\n",
                         "T")
    assert "'=HYPERLINK(1),before,3,'@x" in studies.export("F")


def test_the_import_page(web, make, tmp_path):
    web.sign_in(make.user("working_group"))
    web.get("/timings/import")
    page = web.post("/timings/import", {"study": "Spring", "file": (
        __import__("io").BytesIO(b"work_type,period,minutes,case\nA,later,3,x\n"), "s.csv")},
        status=400, content_type="multipart/form-data").get_data(as_text=True)
    assert "line 2: period must be" in page and _count() == 0
    web.post("/timings/import", {"study": "Spring", "file": (
        __import__("io").BytesIO(GOOD), "s.csv")}, content_type="multipart/form-data")
    report = web.get("/timings/?source=study&study=Spring").get_data(as_text=True)
    assert "3h25m" in report and "24m" in report and "88.3%" in report and "<svg" in report
    csv = web.get("/timings/report.csv?source=study&study=Spring").get_data(as_text=True)
    assert csv.splitlines()[1] == "Section 47 enquiry,205.0,24.0,181.0,88.3,2,1,"  # not renamed
    assert web.get("/timings/studies.csv?study=Spring").get_data() == GOOD
    web.get("/timings/studies.csv?study=Nope", status=404)
    web.get("/timings/?source=study&study=Nope", status=400)
    web.get("/timings/?source=elsewhere", status=400)
    web.post("/timings/studies/delete", {"study": "Spring"})
    web.post("/timings/studies/delete", {"study": "Spring"}, status=404)
    assert _count() == 0


def test_the_command_line(app, tmp_path):
    runner = app.test_cli_runner()
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(GOOD)
    bad.write_bytes(b"work_type,period,minutes,case\nA,before,3,x\nB,whenever,3,y\n")
    result = runner.invoke(args=["timings", "import", str(bad)])
    assert result.exit_code == 1 and "line 3: period must be" in result.output
    assert "nothing was imported" in result.output and "Traceback" not in result.output
    assert runner.invoke(args=["timings", "import", str(good), "--study", "S"]).exit_code == 0
    result = runner.invoke(args=["timings", "report", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)[0] == {
        "work_type": "Section 47 enquiry", "avg_before_minutes": 205.0,
        "avg_after_minutes": 24.0, "saved_minutes": 181.0, "saved_percent": 88.3,
        "tracked_before": 2, "tracked_after": 1, "work_type_before": ""}
    assert "3h25m" in runner.invoke(args=["timings", "report"]).output
    assert runner.invoke(args=["timings", "export", "--study", "S"]).output.encode() == GOOD
    missing = runner.invoke(args=["timings", "report", "--study", "Nope"])
    assert missing.exit_code == 1 and "no study called 'Nope'" in missing.output
    assert runner.invoke(args=["timings", "import", str(tmp_path / "none.csv")]).exit_code == 2
