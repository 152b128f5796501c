"""The mock's rules: state machines, guards, visibility by role, audit, notifications, availability.

Pure Python, no HTTP. Every public function takes ``(world, call, ...)`` and returns JSON-ready
data in the spec's shapes or raises ``ProblemError``. Modules:

``appointments`` / ``attendees`` (life cycles), ``history`` (audit events, notifications),
``availability``, ``reference`` (practitioners, clients, cancellation reasons), ``serialize``
(the JSON shapes), ``guards`` (403 -> 404 -> 410 -> 412 and the problem types), ``paging``.
"""
