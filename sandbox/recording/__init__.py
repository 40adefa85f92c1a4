"""Recording: forms on cases (the pages, the rules of starting, saving, submitting and signing
off, the records and their history)."""
