#!/usr/bin/env python3
"""Validates OSCAL JSON (or YAML) documents against an OSCAL JSON schema.

Usage: oscal-json-schema.py SCHEMA FILE...

Run by AttestOSCALTests with the Python of the OSCAL test venv (.ci/run installs it: jsonschema,
regex, compliance-trestle). Prints one line per violation (file, JSON path, message) and exits 1
when there is any, 0 when every file is valid, 2 on bad input.

Two things plain jsonschema does not do for OSCAL's schemas, done here:
- `pattern`: OSCAL's patterns use `\\p{L}` and `\\p{N}`, which Python's `re` rejects; they are
  matched with the PyPI `regex` module (as `search`, per JSON Schema).
- `format`: `date-time`, `date`, `uri`, `uri-reference`, `uuid` and `email` are checked with
  the RFC grammars' character-level rules below (jsonschema checks formats only with optional
  packages, and silently passes them when those are missing).
"""
import json
import sys

import jsonschema
import regex
from jsonschema import Draft7Validator, validators

DATE_TIME = regex.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")
UUID = regex.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# RFC 3986: the characters a URI may hold (unreserved, reserved, and %-escapes).
URI_CHARS = regex.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
SCHEME = regex.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
EMAIL = regex.compile(r"^[^@\s]+@[^@\s]+$")

format_checker = jsonschema.FormatChecker(formats=())


@format_checker.checks("date-time")
def is_date_time(value):
    return not isinstance(value, str) or bool(DATE_TIME.match(value))


@format_checker.checks("date")
def is_date(value):
    return not isinstance(value, str) or bool(DATE.match(value))


@format_checker.checks("uuid")
def is_uuid(value):
    return not isinstance(value, str) or bool(UUID.match(value))


@format_checker.checks("uri")
def is_uri(value):
    return not isinstance(value, str) or bool(URI_CHARS.match(value) and SCHEME.match(value))


@format_checker.checks("uri-reference")
def is_uri_reference(value):
    return not isinstance(value, str) or bool(URI_CHARS.match(value))


@format_checker.checks("email")
def is_email(value):
    return not isinstance(value, str) or bool(EMAIL.match(value))


def pattern(validator, expected, instance, schema):
    if isinstance(instance, str) and not regex.search(expected, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {expected!r}")


OSCALValidator = validators.extend(Draft7Validator, {"pattern": pattern})


def load(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if path.endswith((".yaml", ".yml")):
        from ruamel.yaml import YAML

        # The safe loader: YAML 1.2, no tags, and timestamps stay strings as in JSON.
        yaml = YAML(typ="safe", pure=True)
        yaml.constructor.yaml_constructors.pop("tag:yaml.org,2002:timestamp", None)
        return yaml.load(data)
    return json.loads(data)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = OSCALValidator(schema, format_checker=format_checker)
    failures = 0
    for path in argv[2:]:
        try:
            document = load(path)
        except Exception as error:  # noqa: BLE001 - any unreadable input is reported
            print(f"{path}: cannot read: {error}")
            return 2
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
            failures += 1
            location = "/".join(str(part) for part in error.absolute_path)
            print(f"{path}: /{location}: {error.message[:300]}")
            if failures >= 50:
                return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
