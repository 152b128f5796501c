"""Every bound the mock keeps, in one place (the README's "Limits" table lists the same).

A mock used by many test workers, or by a fuzzer, must stay within known memory and time
whatever it is sent. Per server: bodies, sessions, connections. Per session: journal,
faults, idempotency keys. Each bound answers a clear problem, or (for what is kept for later
reading) drops the oldest and says so.
"""

from __future__ import annotations

# Requests ------------------------------------------------------------------------------------
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
"""Largest request body (``serve --max-body-bytes``); beyond it: 413 ``payload-too-large``,
answered as soon as the limit is passed (or at once, from ``Content-Length``)."""
MAX_JSON_DEPTH = 32
"""Deepest nesting of a JSON request body; deeper: 400 ``validation-error``."""

# Sessions ------------------------------------------------------------------------------------
DEFAULT_MAX_SESSIONS = 1_000
"""Live sessions (``serve --max-sessions``); beyond it the least recently used one (never
``default``) is evicted, and answers 410 ``session-evicted`` until reset."""
MAX_EVICTED_REMEMBERED = 10_000
"""Names of evicted sessions remembered (to answer ``session-evicted``); the oldest go first."""

# Per session ---------------------------------------------------------------------------------
JOURNAL_MAX_ENTRIES = 10_000
"""Journal entries kept per session (the oldest go first)."""
JOURNAL_MAX_BYTES = 4 * 1024 * 1024
"""Request body bytes the journal keeps per session, all entries together (the oldest entries
go first once it is full)."""
JOURNAL_MAX_BODY_BYTES = 64 * 1024
"""Request body bytes kept in one journal entry; longer bodies are cut and marked
``request_body_truncated``."""
MAX_PENDING_FAULTS = 1_000
"""Faults queued and not yet used up, per session; beyond it: 400."""
USED_FAULTS_KEPT = 100
"""Used-up faults still listed by ``GET /_mock/faults`` (the oldest are dropped)."""
IDEMPOTENCY_MAX_KEYS = 10_000
"""``Idempotency-Key`` values remembered per session (the oldest finished ones go first)."""
IDEMPOTENCY_MAX_KEY_LENGTH = 255
"""Longest ``Idempotency-Key``; longer: 400."""
SIGNATURE_MAX_NONCES = 10_000
"""Nonces of signed requests remembered per session, each for twice the 300 s window of
``created``; beyond it the oldest are forgotten first."""

# Webhooks, per session (``outbox.py``, ``webhooks.py``) -------------------------------------------
WEBHOOK_MAX_ENDPOINTS = 20
"""Webhook endpoints per session; beyond it: 409 ``too-many-endpoints``."""
WEBHOOK_PENDING_PER_ENDPOINT = 10_000
"""Deliveries waiting for one endpoint; an event beyond it is not queued for that endpoint
(the change itself still happens; the drop is logged)."""
WEBHOOK_EVENTS_WAITING = 10_000
"""Events of a session whose deliveries are not made yet (the sender makes them while the API is
idle); beyond it, a new event is dropped for every endpoint (and logged), as a full queue drops
its delivery."""
WEBHOOK_DELIVERIES_KEPT = 1_000
"""Finished deliveries listed per endpoint (the oldest finished ones are forgotten)."""
WEBHOOK_ATTEMPTS_KEPT = 20
"""Attempts listed per delivery (the last ones)."""
WEBHOOK_MAX_CONCURRENT_ATTEMPTS = 100
"""Attempts on their way at once, over the whole server (one per endpoint at most)."""
WEBHOOK_RESPONSE_BYTES_READ = 64 * 1024
"""Bytes of a receiver's answer that are read (the rest is not: the connection is closed)."""

# Connections (``appointments-mock serve`` and the plugin's socket mode) -----------------------
HEADER_TIMEOUT_SECONDS = 10.0
"""Time a connection has to send a complete request head; then it is closed."""
KEEP_ALIVE_SECONDS = 5
"""Idle time of a kept-alive connection between requests (uvicorn's ``timeout_keep_alive``)."""
MAX_CONNECTIONS = 1_000
"""Concurrent connections and requests (uvicorn's ``limit_concurrency``); beyond it: 503."""

WEBHOOK_IDLE_GAP_SECONDS = 0.001
"""The API counts as idle once no request has been in flight for this long; webhook attempts wait
for it (``webhooks.py``: delivery gives way to the API)."""
WEBHOOK_BUSY_HOLD_SECONDS = 0.1
"""The longest an attempt waits for an idle API: under load that never lets up, one attempt per
this long still goes (at most 10 per second across all sessions), so deliveries never stop."""

# World files (``serve --world FILE``, ``world_file.py``) -----------------------------------------
WORLD_MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest world file; larger: rejected at start."""
WORLD_MAX_NODES = 1_000_000
"""Values of a world file (objects, arrays, scalars; a YAML alias counts each time it is used);
more: rejected at start."""
WORLD_TEMPLATES = 8
"""Replayed histories a world file keeps (one per seed, retention and hour a session starts in,
copied into each new session's world); beyond it the least recently used one goes."""

# The state directory (``serve --state-dir``, ``durable.py``) ----------------------------------------
STATE_IDS_REPLAYED = 100_000
"""Ids a session draws before its stored generator state is written anew: a restart replays at
most this many draws per session (about 0.1 s)."""
STATE_PRUNE_KEYS_EVERY = 1_000
"""Idempotency keys written between two prunes of a session's stored keys down to
``IDEMPOTENCY_MAX_KEYS``: the database holds at most that many more than the session remembers.
Nothing else in the state directory is capped beyond what the sessions hold in memory."""
