"""The ``appointments_mock`` pytest plugin, exercised the way users meet it: in a fresh project.

Each test writes a small test project with ``pytester`` and runs pytest on it; the plugin comes in
through its ``pytest11`` entry point, exactly as it does for anyone who installs the package.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest_plugins = ["pytester"]

ASYNC_CONFTEST = """
import pytest

@pytest.fixture
def anyio_backend():
    return "asyncio"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A fresh test project that can also run async tests (anyio on asyncio)."""
    pytester.makeconftest(ASYNC_CONFTEST)
    return pytester


def test_the_fixture_gives_sync_and_async_clients(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        def test_sync(appointments_mock):
            client = appointments_mock.client("admin")
            upcoming = appointments_mock.demo.appointments["upcoming"]
            assert str(client.appointments.get(upcoming).id) == upcoming
            assert appointments_mock.server.mode == "inprocess"

        @pytest.mark.anyio
        async def test_async(appointments_mock):
            client = appointments_mock.async_client("client")
            visible = {str(a.id) for a in (await client.appointments.list()).items}
            assert appointments_mock.demo.appointments["upcoming"] in visible
            assert appointments_mock.demo.appointments["other_client"] not in visible
        """
    )
    project.runpytest("-q").assert_outcomes(passed=2)


def test_every_test_has_its_own_session(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        seen = []

        def test_first_deletes_an_appointment(appointments_mock):
            seen.append(appointments_mock.session)
            appointments_mock.client().appointments.delete(appointments_mock.demo.appointments["upcoming"])
            appointments_mock.clock.advance(days=40)

        def test_second_still_has_it(appointments_mock):
            seen.append(appointments_mock.session)
            upcoming = appointments_mock.demo.appointments["upcoming"]
            assert appointments_mock.client().appointments.get(upcoming).deleted_at is None
            assert appointments_mock.clock.state()["mode"] == "real"

        def test_sessions_differ_and_are_forgotten(appointments_mock_server):
            import httpx2
            assert len(set(seen)) == 2
            with httpx2.Client(base_url=appointments_mock_server.url,
                              transport=appointments_mock_server.transport()) as http:
                live = {s["name"] for s in http.get("/_mock/sessions").json()["items"]}
            assert not live & set(seen)
        """
    )
    project.runpytest("-q", "-p", "no:randomly").assert_outcomes(passed=3)


def test_clock_faults_and_journal(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        from datetime import datetime, timezone

        import pytest
        from appointments import InternalServerError

        def test_clock(appointments_mock):
            at = datetime(2030, 3, 4, 9, 15, tzinfo=timezone.utc)
            assert appointments_mock.clock.freeze(at) == at
            assert appointments_mock.clock.advance(days=1, hours=2).isoformat() == "2030-03-05T11:15:00+00:00"
            assert appointments_mock.clock.state()["mode"] == "frozen"
            with pytest.raises(ValueError, match="timezone-aware"):
                appointments_mock.clock.freeze(datetime(2030, 1, 1))

        def test_status_faults_are_retried_and_journaled(appointments_mock):
            appointments_mock.fail("cancellation_reasons.list", status=500, times=3)
            with pytest.raises(InternalServerError):
                appointments_mock.client().cancellation_reasons.list()
            calls = appointments_mock.journal.assert_called("cancellation_reasons.list", times=3)
            assert [c.fault for c in calls] == ["status:500"] * 3
            appointments_mock.journal.assert_not_called("appointments.list")

        def test_a_dropped_connection_is_retried(appointments_mock):
            appointments_mock.drop("practitioners.list")
            assert appointments_mock.client().practitioners.list().items
            statuses = [c.status for c in appointments_mock.journal.calls("practitioners.list")]
            assert statuses == [0, 200]

        def test_delay_and_fault_listing(appointments_mock):
            appointments_mock.delay("clients.list", ms=50, times=2)
            assert appointments_mock.faults()[0]["remaining"] == 2
            appointments_mock.client().clients.list()
            (entry,) = appointments_mock.journal.entries()
            assert entry.fault == "delay:50ms" and entry.duration_ms >= 50
            appointments_mock.clear_faults()
            assert appointments_mock.faults() == []
            appointments_mock.journal.clear()
            assert appointments_mock.journal.entries() == []
        """
    )
    project.runpytest("-q").assert_outcomes(passed=4)


SOCKET_TESTS = """
import pytest

def test_sync(appointments_mock):
    assert appointments_mock.server.mode == "socket"
    assert appointments_mock.base_url.startswith("http://127.0.0.1:")
    appointments_mock.drop("practitioners.list")
    assert appointments_mock.client().practitioners.list().items
    assert [c.status for c in appointments_mock.journal.calls("practitioners.list")] == [0, 200]

@pytest.mark.anyio
async def test_async(appointments_mock):
    page = await appointments_mock.async_client("staff").appointments.list()
    assert {str(a.practitioner_id) for a in page.items} == {appointments_mock.demo.practitioner_id}
"""


def test_the_socket_mode_by_option(project: pytest.Pytester) -> None:
    project.makepyfile(SOCKET_TESTS)
    project.runpytest("-q", "--appointments-mock=socket").assert_outcomes(passed=2)


def test_the_socket_mode_by_ini(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nappointments_mock = socket\n")
    project.makepyfile(SOCKET_TESTS)
    project.runpytest("-q").assert_outcomes(passed=2)


def test_the_socket_mode_by_marker(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        @pytest.mark.appointments_mock(mode="socket")
        def test_on_a_socket(appointments_mock):
            assert appointments_mock.server.mode == "socket"
            assert appointments_mock.client().cancellation_reasons.list().items

        def test_in_process(appointments_mock):
            assert appointments_mock.server.mode == "inprocess"
        """
    )
    project.runpytest("-q").assert_outcomes(passed=2)


def test_an_external_server_by_url(
    project: pytest.Pytester, appointments_mock_socket_server: object
) -> None:
    url = appointments_mock_socket_server.url  # type: ignore[attr-defined]
    project.makepyfile(
        f"""
        def test_external(appointments_mock):
            assert appointments_mock.server.mode == "external"
            assert appointments_mock.server.url == "{url}"
            upcoming = appointments_mock.demo.appointments["upcoming"]
            assert str(appointments_mock.client().appointments.get(upcoming).id) == upcoming
        """
    )
    project.runpytest("-q", f"--appointments-mock-url={url}/v1").assert_outcomes(passed=1)


def test_an_unreachable_external_server_is_a_clear_error(project: pytest.Pytester) -> None:
    project.makepyfile("def test_x(appointments_mock): pass")
    result = project.runpytest("-q", "--appointments-mock-url=http://127.0.0.1:9")
    result.stdout.fnmatch_lines(["*no appointments mock server answers at http://127.0.0.1:9*"])
    assert result.ret != 0


def test_a_failing_journal_assertion_reads_well(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        def test_expects_retries(appointments_mock):
            appointments_mock.client().practitioners.list()
            appointments_mock.journal.assert_called("appointments.cancel", times=3)
        """
    )
    result = project.runpytest("-q")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: expected appointments.cancel to be called 3 times, "
            "but it was called 0 times.",
            "*journal of mock session 'pytest-*-test_expects_retries' (1 requests):",
            "*1. practitioners.list*GET /v1/practitioners -> 200",
        ]
    )
    result.stdout.no_fnmatch_line("*pytest_plugin.py*")  # the plugin's frames stay hidden


def test_the_plugin_costs_nothing_until_used(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import sys

        def test_unrelated():
            import appointments_mock.pytest_plugin  # registered and loaded, but idle

            heavy = ("connexion", "uvicorn", "appointments", "appointments_mock.app")
            assert [m for m in heavy if m in sys.modules] == []
        """
    )
    result = pytester.runpytest_subprocess("-q", "-p", "no:anyio", "-p", "no:schemathesis")
    result.assert_outcomes(passed=1)


def test_importing_the_plugin_imports_neither_the_server_nor_the_sdk() -> None:
    code = textwrap.dedent(
        """
        import sys
        import appointments_mock.pytest_plugin
        loaded = [m for m in ("connexion", "uvicorn", "starlette", "appointments") if m in sys.modules]
        assert loaded == [], loaded
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_role_keys_are_the_seeded_demo_keys() -> None:
    from appointments_mock.pytest_plugin import ROLE_KEYS
    from appointments_mock.seed import DEMO_KEYS

    assert {key: role for role, key in ROLE_KEYS.items()} == DEMO_KEYS


def test_a_wrong_role_or_marker_is_a_clear_error(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        def test_role(appointments_mock):
            with pytest.raises(ValueError, match="unknown role 'owner'"):
                appointments_mock.client("owner")

        @pytest.mark.appointments_mock(mode="carrier-pigeon")
        def test_marker(appointments_mock):
            pass
        """
    )
    result = project.runpytest("-q")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*mode='carrier-pigeon'*"])
