"""Generate the SDK's code from openapi.yaml: `python -m codegen` (write) or `--check` (drift).

What is generated, all under `sdk/appointments/`, each file marked as generated at its top:

* `models.py` — the Pydantic v2 models, by datamodel-code-generator (pinned 0.89.0, flags in
  `generate.DATAMODEL_ARGS`). **Rule: one class per component schema, with exactly the schema's
  name** (`Appointment`, `CancelRequest`, `AppointmentPage`, ...). Other tools derive the SDK
  symbols a spec change affects from schema names and operationIds, so codegen fails rather than
  break this rule.
* `resources/<tag>.py` — per tag, a sync and an async resource class (plus their
  `with_raw_response` twins), all rendered from one template (`resources.py`). **Rule: one method
  per operation, named after the verb of its operationId `<tag>.<verb>`**, reached as
  `client.<tag>.<verb>(...)`. Path parameters are positional; query parameters and body fields are
  keyword-only and typed from the spec (`from` becomes `from_`);
  operations with an `If-Match` parameter take `if_match=`, POSTs take `idempotency_key=`, every
  method takes `extra_headers=` and `timeout=`. List operations whose response has `items` and
  `next_page_token` return a typed page; 204 responses return None.
* `_client.py` — `AppointmentsClient` and `AsyncAppointmentsClient` with one attribute per tag.
* `__init__.py` — the public surface: the clients, the core types and every model.
* `_version.py` — `__version__` from the spec's `info.version` (the project's single version).

The output is passed through `ruff check --fix` and `ruff format` with the repository's settings,
so two runs give byte-identical files.

CLI: `python -m codegen` writes; `python -m codegen --check` writes nothing and exits 1 naming each
file that is out of date, missing or extra; `python -m codegen check [args...]` runs the spec
checks (`codegen.check.main`).
"""
