"""The probe process of the empirical verdict: the base SDK calls the head mock, in-process.

    python -m codegen._probe JOB.json      (started by `codegen.empirical`, never by hand)

The job names a directory holding the base SDK (`_sdk_build.py`), the base spec and one or more
heads. This process runs with that directory first on its path, so `import appointments` is the
base SDK and never the repository's `sdk/` (checked: the process refuses to run otherwise). Each
head is served in-process through `httpx2.ASGITransport`: the repository mock
(`appointments_mock.app.create_app()`, a fresh session per call, the demo admin key) or the example
mock of `_example_mock.py`. It prints one JSON object: the outcome of every call, per head.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import sys
from pathlib import Path
from typing import Any

import httpx2

from codegen._diff_ops import normalize_path, path_parameter_names
from codegen._probe_inputs import Call, plan_calls

ADMIN_KEY = "demo-admin-key"  # the repository mock's demo admin (appointments_mock.pytest_plugin)
_REJECTED = {401, 405, 406, 415}


def _routes(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (method.upper(), normalize_path(str(path)))
        for path, item in (document.get("paths") or {}).items()
        for method in (item or {})
        if isinstance((item or {}).get(method), dict)
    }


def _base_path(document: dict[str, Any]) -> str:
    from codegen._example_mock import _base_path as base_path

    return base_path(document)


def _harvest(result: Any) -> Any:
    """The `id` of a parsed result, or of the first item of a page."""
    items = getattr(result, "items", None)
    if isinstance(items, list) and items:
        return getattr(items[0], "id", None)
    return getattr(result, "id", None)


def _path_values(call: Call, harvested: dict[str, Any]) -> list[Any]:
    """Path values: an id seen in the collection above each parameter, else the example."""
    values = []
    names = path_parameter_names(call.path)
    for name, example in call.path_params:
        prefix = call.path.split("{" + name + "}", 1)[0].rstrip("/")
        seen = harvested.get(normalize_path(prefix)) if name in names else None
        values.append(str(seen) if seen is not None else example)
    return values


async def _one(
    sdk: Any,
    app: Any,
    call: Call,
    base_url: str,
    repository: bool,
    routes: set[tuple[str, str]],
    n: int,
    harvested: dict[str, Any],
) -> dict[str, Any]:
    headers = {"X-Mock-Session": f"probe-{n}"} if repository else {}
    outcome: dict[str, Any] = {
        "operation_id": call.operation_id,
        "pointer": call.pointer,
        "symbol": call.symbol,
        "model": call.response_model,
        "status": None,
        "detail": "",
    }
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app)) as http:
        client = sdk.AsyncAppointmentsClient(
            api_key=ADMIN_KEY,
            base_url=base_url,
            http_client=http,
            max_retries=0,
            default_headers=headers,
        )
        try:
            method = getattr(getattr(client, call.tag), call.verb)
            result = method(*_path_values(call, harvested), **call.keywords)
            if inspect.isawaitable(result):
                result = await result
        except sdk.APIResponseValidationError as exc:
            outcome.update(outcome="unparsable", status=exc.status_code, detail=str(exc)[:400])
        except sdk.APIStatusError as exc:
            status, code = exc.status_code, exc.code
            no_route = (call.method, normalize_path(call.path)) not in routes
            rejected = (
                (status == 400 and code == "validation-error")
                or status in _REJECTED
                or (status == 404 and (no_route or code == "no-such-operation"))
            )
            outcome.update(
                outcome="rejected" if rejected else "answered",
                status=status,
                detail=f"{code or ''}: {str(exc)[:300]}",
            )
        except (TypeError, ValueError) as exc:  # the example does not fit the SDK's signature
            outcome.update(outcome="unprobed", detail=f"{type(exc).__name__}: {str(exc)[:300]}")
        except Exception as exc:  # reported as an error, never fatal for the other calls
            outcome.update(outcome="error", detail=f"{type(exc).__name__}: {str(exc)[:300]}")
        else:
            outcome.update(outcome="ok", status=200)
            value = _harvest(result)
            if value is not None and call.method == "GET":
                harvested.setdefault(normalize_path(call.path), value)
    return outcome


async def _run_head(
    sdk: Any, base: dict[str, Any], calls: list[Call], head: dict[str, Any], mock: str
) -> list[dict[str, Any]]:
    if mock == "repository":
        from appointments_mock.app import create_app

        app: Any = create_app()
    else:
        from codegen._example_mock import ExampleMock

        app = ExampleMock(head)
    base_url = "http://probe" + _base_path(base)
    routes = _routes(head)
    harvested: dict[str, Any] = {}
    return [
        await _one(sdk, app, call, base_url, mock == "repository", routes, n, harvested)
        for n, call in enumerate(calls)
    ]


async def _run_all(sdk: Any, job: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    calls = plan_calls(job["base"])  # the same base SDK for every head: planned once
    return {
        head["id"]: await _run_head(sdk, job["base"], calls, head["doc"], head["mock"])
        for head in job["heads"]
    }


def main(argv: list[str]) -> int:
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    import appointments as sdk

    if Path(sdk.__file__).resolve().parent.parent != Path(job["sdk"]).resolve():
        print(json.dumps({"error": f"imported {sdk.__file__}, not the base SDK in {job['sdk']}"}))
        return 2
    results = asyncio.run(_run_all(sdk, job))
    print(json.dumps({"sdk_file": sdk.__file__, "results": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
