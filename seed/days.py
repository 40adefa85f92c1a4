"""Working days for the generator, remembered: a tenant asks the same few thousand
questions (this date plus n working days) many times over."""

from functools import lru_cache

from sandbox.casework import pathway as pw

add_working_days = lru_cache(maxsize=65536)(pw.add_working_days)
is_working_day = lru_cache(maxsize=8192)(pw.is_working_day)
