"""``python -m appointments_conformance`` is ``appointments-conformance``."""

from appointments_conformance.cli import main

raise SystemExit(main())
