"""What happens in one area that others may act on, as blinker signals.

An area sends; any area that cares connects a receiver in its `init_app`. The sender
knows nothing of who listens: recording does not know that scenarios follow its pages or
that time on forms is counted, and tenants do not know that training sessions hold seats.

Each signal is sent with the app as sender (`current_app._get_current_object()`) and the
keyword arguments listed.
"""

from blinker import Namespace

_signals = Namespace()

# A page shown inside a training copy (GET, 200): endpoint, view_args.
page_viewed = _signals.signal("page-viewed")

# Recording, on a form record: user, tenant, record (and what each adds).
form_opened = _signals.signal("form-opened")  # + result: dict the listener may fill
form_saved = _signals.signal("form-saved")  # + sitting, submitted: bool
form_submitted = _signals.signal("form-submitted")  # + sitting

# Tenants: the tenant after a reset; the name and id of a tenant removed.
tenant_reset = _signals.signal("tenant-reset")
tenant_removed = _signals.signal("tenant-removed")
