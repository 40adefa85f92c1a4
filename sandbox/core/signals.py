"""What happens in one area that others may act on, as blinker signals: the one way areas
hook into each other.

An area sends; an area that cares connects a receiver in its `init_app`. The sender knows
nothing of who listens: recording does not know that scenarios follow its pages or that
time on forms is counted, the form registry does not know about drafts, and tenants do
not know that training sessions hold seats. Where the sender needs an answer, receivers
return it and the sender takes what they return (blinker's `send` gives each receiver's
return value).

Each is sent with the app as sender and the keyword arguments listed.
"""

from blinker import Namespace

_signals = Namespace()

# A page shown inside a training copy (GET, 200): endpoint, view_args.
page_viewed = _signals.signal("page-viewed")

# Recording, about one form record; every one with user, tenant, record.
# The form page is drawn: + page, a dict receivers may add to (the sitting time counts).
form_opened = _signals.signal("form-opened")
# A form is drawn to be filled in (a draft, or a submitted form being amended): + page, a
# dict receivers may add to: "needed", {field key: why} (what a scenario's step needs).
form_shown = _signals.signal("form-shown")
# The form page was sent to be saved or submitted: + sitting (the page's own id for it).
form_saved = _signals.signal("form-saved")
# The form was submitted: + sitting.
form_submitted = _signals.signal("form-submitted")
# The open page is in view and in use (autosave, a ping): + sitting. A receiver returns
# True if it counted the use.
form_in_use = _signals.signal("form-in-use")
# The form a page sent is not there: + sitting; no record. A receiver returns True if the
# page was opened before the training copy's last reset (the form went with the reset).
form_missing = _signals.signal("form-missing")

# Recording asks which parts (sandbox.casework.pathway.CASE_ROLES) a person plays in a
# training copy: user, tenant. A receiver returns a frozenset of them, or None; with no
# answer the person plays every part.
roles_asked = _signals.signal("roles-asked")

# The form registry is asked for a version set no file holds: version_set. A receiver
# returns its forms (a draft's: sandbox.drafts.service) or None.
version_set_wanted = _signals.signal("version-set-wanted")

# Tenants. A tenant is being removed, in the transaction that removes it, before its rows
# go: tenant. `tenant prune` is running: now; a receiver removes the tenants it kept for a
# time and returns their names.
tenant_removed = _signals.signal("tenant-removed")
# The list of training copies is drawn for a person: user, tenant_ids. A receiver returns
# the groups some of them belong to (a training session's seats), each a dict with
# "title", "url", "mine" (the person runs it), "ended" (None or when) and "tenant_ids".
tenant_groups = _signals.signal("tenant-groups")
pruning = _signals.signal("pruning")

# The working group's hotspots are drawn. A receiver returns a list of places people
# struggle that feedback alone does not show, each a dict with "where" (in plain words),
# "left" (how many people stopped there), "reached" (how many got there) and "url" (where
# the figures are, or None): a tour's steps.
hotspots_asked = _signals.signal("hotspots-asked")
