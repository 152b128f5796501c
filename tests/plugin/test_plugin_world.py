"""The plugin's world files: ``--appointments-mock-world``, ini ``appointments_mock_world`` and
``@pytest.mark.appointments_mock(world=...)``, in a fresh project (``pytester``)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

WORLD = """\
version: 1
practitioners:
  - id: 11111111-1111-4111-8111-111111111111
    display_name: Dr. Who
    time_zone: Europe/Paris
clients:
  - {id: 22222222-2222-4222-8222-222222222222, given_name: Ann, family_name: A}
api_keys:
  - {key: w-admin, role: admin}
  - {key: w-client, role: client, client_id: 22222222-2222-4222-8222-222222222222}
appointments:
  - id: 33333333-3333-4333-8333-333333333333
    label: checkup
    type: individual
    practitioner_id: 11111111-1111-4111-8111-111111111111
    client_id: 22222222-2222-4222-8222-222222222222
    starts_at: "+P1DT9H"
    ends_at: "+P1DT10H"
"""

USES_THE_WORLD = """
def test_the_session_starts_from_the_world(appointments_mock):
    client = appointments_mock.client("admin")
    assert appointments_mock.key("admin") == "w-admin"
    assert [str(a.id) for a in client.appointments.list().items] == [
        "33333333-3333-4333-8333-333333333333"
    ]
    assert appointments_mock.demo.appointments == {"checkup": "33333333-3333-4333-8333-333333333333"}
    assert appointments_mock.demo.client_id == "22222222-2222-4222-8222-222222222222"
    mine = appointments_mock.client("client").appointments.list().items
    assert len(mine) == 1
"""


def test_the_world_by_option(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", world=WORLD)
    pytester.makepyfile(USES_THE_WORLD)
    pytester.runpytest("-q", "--appointments-mock-world=world.yaml").assert_outcomes(passed=1)


def test_the_world_by_ini_is_relative_to_the_ini_file(pytester: pytest.Pytester) -> None:
    pytester.mkdir("worlds")
    (pytester.path / "worlds" / "mine.yaml").write_text(WORLD)
    pytester.makeini("[pytest]\nappointments_mock_world = worlds/mine.yaml\n")
    pytester.makepyfile(USES_THE_WORLD)
    pytester.runpytest("-q").assert_outcomes(passed=1)


def test_the_world_by_marker_for_one_test(pytester: pytest.Pytester) -> None:
    pytester.mkdir("tests")
    (pytester.path / "tests" / "world.yaml").write_text(WORLD)
    (pytester.path / "tests" / "test_mixed.py").write_text(
        "import pytest\n"
        + USES_THE_WORLD.replace(
            "def test_the_session",
            '@pytest.mark.appointments_mock(world="world.yaml")\ndef test_the_session',
        )
        + """

@pytest.mark.appointments_mock(world="world.yaml", mode="socket")
def test_on_a_socket_too(appointments_mock):
    assert appointments_mock.server.mode == "socket"
    assert appointments_mock.client().appointments.list().items


def test_others_keep_the_demo_data(appointments_mock):
    assert appointments_mock.key("admin") == "demo-admin-key"
    assert "upcoming" in appointments_mock.demo.appointments
"""
    )
    pytester.runpytest("-q", "tests").assert_outcomes(passed=3)


def test_a_bad_world_file_is_a_clear_error_with_every_problem(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".yaml",
        world=WORLD.replace("Europe/Paris", "Mars/Olympus").replace("role: admin", "role: root"),
    )
    pytester.makepyfile("def test_x(appointments_mock): pass")
    result = pytester.runpytest("-q", "--appointments-mock-world=world.yaml")
    result.stdout.fnmatch_lines(
        [
            "*world.yaml: 2 problems in the world file:*",
            "*world.yaml:5: /practitioners/0/time_zone: unknown time zone 'Mars/Olympus'*",
            "*world.yaml:9: /api_keys/0/role: 'root' is not one of*",
        ]
    )
    assert result.ret != 0


def test_a_bad_world_file_in_a_marker_fails_that_test_only(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", broken="version: 2\n")
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.appointments_mock(world="broken.yaml")
        def test_broken(appointments_mock):
            pass

        def test_fine(appointments_mock):
            pass
        """
    )
    result = pytester.runpytest("-q")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*broken.yaml:1: /version: 1 was expected*"])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_a_world_with_an_external_server_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", world=WORLD)
    pytester.makepyfile("def test_x(appointments_mock): pass")
    result = pytester.runpytest(
        "-q", "--appointments-mock-world=world.yaml", "--appointments-mock-url=http://127.0.0.1:9"
    )
    result.stdout.fnmatch_lines(["*appointments-mock serve --world FILE*"])
    assert result.ret != 0
