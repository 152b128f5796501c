"""The plugin's snapshots: ``appointments_mock.snapshot()`` / ``.restore(doc)``, and the sessions
of failing tests saved with ``--appointments-mock-snapshots`` (in a fresh project, ``pytester``)."""

from __future__ import annotations

import json

import pytest

pytest_plugins = ["pytester"]


def test_snapshot_and_restore_carry_a_session_over(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        saved = {}

        def test_first_cancels_and_saves(appointments_mock):
            appointments_mock.clock.freeze()  # a running clock moves between two snapshots
            client = appointments_mock.client("admin")
            upcoming = appointments_mock.demo.appointments["upcoming"]
            client.appointments.cancel(upcoming, reason_code=30)
            saved["doc"] = appointments_mock.snapshot()

        def test_second_restores_it(appointments_mock):
            upcoming = appointments_mock.demo.appointments["upcoming"]
            client = appointments_mock.client("admin")
            assert client.appointments.get(upcoming).status == "active"
            appointments_mock.restore(saved["doc"])
            assert client.appointments.get(upcoming).status == "canceled"
            assert appointments_mock.snapshot() == saved["doc"]

        def test_a_bad_document_is_refused_with_its_problems(appointments_mock):
            doc = appointments_mock.snapshot()
            doc["appointments"][0]["practitioner_id"] = "99999999-9999-4999-8999-999999999999"
            with pytest.raises(ValueError, match="/appointments/0/practitioner_id: unknown"):
                appointments_mock.restore(doc)
        """
    )
    pytester.runpytest("-q", "-p", "no:randomly").assert_outcomes(passed=3)


def test_a_failing_test_saves_its_session(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_fails_after_a_change(appointments_mock):
            client = appointments_mock.client("admin")
            client.appointments.cancel(appointments_mock.demo.appointments["upcoming"], reason_code=30)
            assert False, "the bug"

        def test_passes(appointments_mock):
            pass
        """
    )
    result = pytester.runpytest("-q", "--appointments-mock-snapshots=saved")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*saved the session of a failed test: *saved*fails_after_a_change.json"]
    )
    [path] = list((pytester.path / "saved").iterdir())
    document = json.loads(path.read_text())
    actions = [e["action"] for e in document["audit_events"]]
    assert actions[-1] == "attendee.canceled"
    assert "appointment.canceled" in actions


def test_without_the_option_nothing_is_saved(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_fails(appointments_mock):\n    assert False\n")
    result = pytester.runpytest("-q")
    result.assert_outcomes(failed=1)
    result.stdout.no_fnmatch_line("*saved the session*")
