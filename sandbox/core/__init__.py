"""The core: extensions, configuration, tenancy, transactions, the clock, content files and
limits. It imports no area and no web module."""
