"""Import what the plugin loads lazily *before* ``pytester`` runs anything in this process.

An in-process ``pytester`` run restores ``sys.modules`` afterwards, dropping every module it
imported; a later run would then import Connexion a second time next to pieces of the first, and the
OpenAPI 3.1 shim would patch the wrong class. Imported here first, the modules outlive every run.
"""

import anyio.pytest_plugin  # noqa: F401
import uvicorn  # noqa: F401

import appointments  # noqa: F401
import appointments_mock.app  # noqa: F401
