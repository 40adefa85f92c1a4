"""CSV downloads, one way: a header, rows, and cells that a spreadsheet will not run.

A cell starting with = + - @ (or a tab or carriage return) is read by spreadsheets as a
formula; such text cells get a leading apostrophe. Numbers are left as they are.
"""

import csv
import io

from flask import Response

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_safe(v) for v in row] for row in rows)
    return out.getvalue()


def csv_download(filename: str, header, rows) -> Response:
    return Response(csv_text(header, rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})
