# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The version of the API and of this package: `info.version` of openapi.yaml."""

__version__ = "0.2.0"
