"""The SSDA903 hotspots: which forms and questions cause the most problems in the training
copies' looked-after returns, kept and added up as the census's are (sandbox.census.hotspots,
the same table, told apart as the "SSDA903" collection)."""

from functools import partial

from sandbox.census import hotspots as census_hotspots
from sandbox.ssda903.check import plain

COLLECTION = "SSDA903"
keep = partial(census_hotspots.keep, collection=COLLECTION)
hotspots = partial(census_hotspots.hotspots, collection=COLLECTION, words=plain)
