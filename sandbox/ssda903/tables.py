"""The SSDA903 return as the DfE's CSV tables, and where each row of them came from.

One file per table, the DfE's columns in its order, dates as DD/MM/YYYY (as the DfE's
files and its rules read them). Beside them, `Origins` lists each table's rows in the
order they are written (the order the validator reads them) with each value's source, so
that a problem reported as (table, row) leads back to the form and question.
"""

import csv
import io
from datetime import date

from sandbox.census.reporting import Origins
from sandbox.ssda903.codes import TABLES
from sandbox.ssda903.returns import ChildReturn, LookedAfterReturn, Row


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return ""
    return str(value)


def _rows(child: ChildReturn, table: str) -> list[Row]:
    if table == "Header":
        return [child.header]
    if table == "Episodes":
        return child.episodes
    if table == "Reviews":
        return child.reviews
    if table == "OC2":
        return [child.oc2] if child.oc2 else []
    if table == "Missing":
        return child.missing
    return [child.uasc] if child.uasc else []


def write(built: LookedAfterReturn) -> tuple[dict[str, bytes], Origins]:
    """The return's files (name -> UTF-8 CSV) and the origins of their rows."""
    origins = Origins()
    files = {}
    for table, (name, columns) in TABLES.items():
        if table == "OC2" and not built.ended:
            continue  # not yet: the rules that need it are told as not checked
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for index, child in enumerate(built.children):
            for row in _rows(child, table):
                values = {"CHILD": child.header["CHILD"], **row}
                writer.writerow([text_of(values[c].value) if c in values else ""
                                 for c in columns])
                origins.add(table, index, {c: v.source for c, v in values.items()})
        files[name] = out.getvalue().encode()
    return files, origins
