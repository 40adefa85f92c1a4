"""`flask --app sandbox timings import FILE | report [--json] | export`."""

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from sandbox.timing import report, studies

timings = AppGroup("timings", help="Time-tracking studies and the time-saved report.")


def _study_or_fail(study: str | None) -> str | None:
    if study and study not in {name for name, _count in studies.studies()}:
        raise click.ClickException(f"no study called '{study}'")
    return study


@timings.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--study", help="Name of the study (default: the file's name).")
def import_file(file: Path, study: str | None):
    """Import a CSV of work_type,period,minutes,case; nothing is imported if a row is wrong."""
    if file.stat().st_size > 50 * 1024 * 1024:
        raise click.ClickException(f"{file}: larger than 50 MB; split it")
    try:
        count = studies.import_study(study or file.stem, file.read_bytes(), "command line")
    except studies.StudyError as problem:
        for line in problem.problems[:-1][:studies.MAX_PROBLEMS - 1]:
            click.echo(f"Error: {file}: {line}", err=True)
        more = len(problem.problems) - studies.MAX_PROBLEMS
        last = problem.problems[-1] if more <= 0 else f"and {more} more problems"
        raise click.ClickException(f"{file}: {last}; nothing was imported") from None
    click.echo(f"Imported {count} pieces of work into '{study or file.stem}'.")


@timings.command("report")
@click.option("--study", help="One study (default: every study together).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def report_command(study: str | None, as_json: bool):
    """Average time before and after, time saved and pieces tracked, per work type."""
    rows = [(r.work_type, r.period, r.minutes) for r in studies.rows_of(_study_or_fail(study))]
    lines = report.summarise(rows)
    if as_json:
        click.echo(json.dumps([line.as_dict() for line in lines], indent=1))
        return
    hm = report.hours_minutes
    click.echo(f"{'Work type':<34} {'Before':>8} {'After':>8} {'Saved':>8} {'%':>6} "
               f"{'n before':>8} {'n after':>8}")
    for line in lines:
        percent = f"{line.saved_percent:g}" if line.saved_percent is not None else "-"
        click.echo(f"{line.work_type[:34]:<34} {hm(line.avg_before_minutes):>8} "
                   f"{hm(line.avg_after_minutes):>8} {hm(line.saved_minutes):>8} "
                   f"{percent:>6} {line.tracked_before:>8} {line.tracked_after:>8}")


@timings.command("export")
@click.option("--study", help="One study (default: every study).")
def export_command(study: str | None):
    """Print the tracked work as CSV (work_type,period,minutes,case)."""
    click.echo(studies.export(_study_or_fail(study)), nl=False)
