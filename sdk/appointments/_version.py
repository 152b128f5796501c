"""The version of the API and of this package, taken from openapi.yaml info.version by codegen."""

__version__ = "0.1.0"
