"""Time and motion: time on forms, time-tracking studies, reports and form analysis."""
