"""``python -m appointments_mock serve``: the same as the ``appointments-mock`` command."""

from appointments_mock.cli import main

raise SystemExit(main())
