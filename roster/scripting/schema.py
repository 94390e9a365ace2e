"""The JSON Schemas of the problem and solution files (draft 2020-12), written once here; the
copies in docs/schema/ are generated from these (`roster schema problem`) and a test keeps them equal.

Validation uses the jsonschema library when it is installed; otherwise a small validator below
checks the subset of keywords these schemas use, so solve-file never trusts unchecked input.
"""

from __future__ import annotations

import re
from dataclasses import fields

from roster.domain import AbsenceKind, CallType, Gender, Referral, Service, Settings, Transport
from roster.domain.clock import WEEKDAYS

from . import FORMAT_VERSION, PROBLEM_FORMAT, PROBLEM_VERSIONS, SOLUTION_FORMAT

ID = {"type": "string", "minLength": 1}
TIME = {"type": "string", "pattern": r"^\d{1,2}:\d{2}$", "description": "HH:MM; night visits after midnight run on past 24:00"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"}
WEEK = {"type": "string", "pattern": r"^\d{4}-W\d{2}$", "description": "ISO week, e.g. 2026-W48"}
LOCATION = {
    "type": "object",
    "required": ["lat", "lon"],
    "additionalProperties": False,
    "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90},
                   "lon": {"type": "number", "minimum": -180, "maximum": 180}},
}
IDS = {"type": "array", "items": ID}
WEEKDAY = {"enum": list(WEEKDAYS)}


def _enum(kind) -> dict:
    return {"enum": [member.value for member in kind]}


def _record(required: list[str], properties: dict, description: str) -> dict:
    return {"type": "object", "description": description, "required": required,
            "additionalProperties": False, "properties": properties}


def _settings_schema() -> dict:
    """Every number of Settings may be overridden by name; the skills vocabulary too."""
    properties = {}
    for f in fields(Settings):
        if f.name == "effective_from":
            continue
        if f.name == "skills":
            properties[f.name] = {"type": "array", "items": ID}
        elif f.type in ("int", int):
            properties[f.name] = {"type": "integer", "minimum": 0}
        else:
            properties[f.name] = {"type": "number", "minimum": 0}
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "description": "Overrides of the default settings (roster.domain.Settings field names)."}


CARER = _record(["id", "name", "home", "transport"], {
    "id": ID, "name": {"type": "string", "minLength": 1}, "postcode": {"type": "string"}, "home": LOCATION,
    "transport": _enum(Transport), "skills": IDS,
    "availability": {"type": "array", "items": _record(["day", "start", "end"], {
        "day": WEEKDAY, "start": TIME, "end": TIME}, "One shift of the weekly pattern.")},
    "contracted_minutes": {"type": "integer", "minimum": 0}, "gender": _enum(Gender),
    "night_worker": {"type": "boolean"}, "day_worker": {"type": "boolean"}, "opted_out_48h": {"type": "boolean"},
    "pay_pence_per_hour": {"type": "integer", "minimum": 1},
}, "A carer.")
ABSENCE = _record(["id", "carer_id", "kind", "start", "end"], {
    "id": ID, "carer_id": ID, "kind": _enum(AbsenceKind), "start": DATETIME, "end": DATETIME,
    "note": {"type": "string"},
}, "Leave, sickness or training.")
CLIENT = _record(["id", "name", "location"], {
    "id": ID, "name": {"type": "string", "minLength": 1}, "postcode": {"type": "string"}, "location": LOCATION,
    "access_notes": {"type": "string"}, "declined_carers": IDS, "preferred_carers": IDS,
    "preferred_gender": {"enum": [g.value for g in Gender] + [None]}, "gender_required": {"type": "boolean"},
}, "A client.")
PACKAGE = _record(["id", "client_id", "start", "planned_end"], {
    "id": ID, "client_id": ID, "start": DATE, "planned_end": DATE, "referral": _enum(Referral),
    "goals": {"type": "string"}, "max_days": {"type": "integer", "minimum": 0},
    "ended": {"anyOf": [DATE, {"type": "null"}]},
}, "A package of care.")
SCHEDULE = _record(["id", "package_id", "call_type", "weekdays", "window_start", "window_end", "duration"], {
    "id": ID, "package_id": ID, "call_type": _enum(CallType),
    "weekdays": {"type": "array", "items": WEEKDAY, "minItems": 1},
    "window_start": TIME, "window_end": TIME, "duration": {"type": "integer", "minimum": 1, "maximum": 240},
    "carers_needed": {"enum": [1, 2]}, "skills": IDS,
    "valid_from": {"anyOf": [DATE, {"type": "null"}]}, "valid_to": {"anyOf": [DATE, {"type": "null"}]},
    "fixed_time": {"type": "boolean"}, "service": _enum(Service), "short_check_agreed": {"type": "boolean"},
    "optional": {"type": "boolean"},
}, "A recurring visit of a package.")

MATRIX = {"type": "array", "items": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 1_000_000}},
          "description": "Row = from, column = to: the file's carers in order, then its clients in order."}
TRAVEL = {
    "type": "object",
    "description": "Version 2: travel measured between the true addresses, used instead of the distance between "
                   "the points above (which a pseudonymised export moves). Minutes of each transport a carer uses "
                   "(and car, for night crews), and road metres.",
    "required": ["minutes", "metres"],
    "additionalProperties": False,
    "properties": {
        "minutes": {"type": "object", "additionalProperties": False,
                    "properties": {mode.value: MATRIX for mode in Transport}},
        "metres": MATRIX,
    },
}

PROBLEM_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://carer-roster.invalid/schema/problem.schema.json",
    "title": "carer-roster problem",
    "description": "One provider's week to roster: carers, clients, packages, schedules, absences, settings.",
    "type": "object",
    "required": ["format", "version", "week", "carers", "clients", "packages", "schedules"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": PROBLEM_FORMAT},
        "version": {"enum": list(PROBLEM_VERSIONS), "description": "1, or 2 for a file with a travel table."},
        "week": WEEK,
        "settings": _settings_schema(),
        "carers": {"type": "array", "items": CARER},
        "absences": {"type": "array", "items": ABSENCE},
        "clients": {"type": "array", "items": CLIENT},
        "packages": {"type": "array", "items": PACKAGE},
        "schedules": {"type": "array", "items": SCHEDULE},
        "travel": TRAVEL,
    },
}

SOLUTION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://carer-roster.invalid/schema/solution.schema.json",
    "title": "carer-roster solution",
    "description": "The rota of one week, what it leaves uncovered and why, the rule checker's findings and the report.",
    "type": "object",
    "required": ["format", "version", "week", "status", "assignments", "uncovered", "violations", "report"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": SOLUTION_FORMAT},
        "version": {"const": FORMAT_VERSION},
        "week": WEEK,
        "status": {"enum": ["covered", "uncovered", "violations"],
                   "description": "covered: every mandatory visit assigned and no hard violation; "
                                  "uncovered: some mandatory visit left; violations: hard rule broken."},
        "assignments": {"type": "array", "items": _record(["visit_id", "carer_id", "date", "start", "end"], {
            "visit_id": ID, "carer_id": ID, "date": DATE, "start": TIME, "end": TIME, "pinned": {"type": "boolean"},
        }, "One carer on one visit; a double-up has two with the same start.")},
        "breaks": {"type": "array", "items": _record(["carer_id", "date", "start", "minutes"], {
            "carer_id": ID, "date": DATE, "start": TIME, "minutes": {"type": "integer", "minimum": 1},
        }, "A planned rest break.")},
        "crews": {"type": "array", "items": _record(["id", "date", "carer_ids"], {
            "id": ID, "date": DATE, "carer_ids": {"type": "array", "items": ID, "minItems": 2, "maxItems": 2},
        }, "A night crew.")},
        "uncovered": {"type": "array", "items": _record(["visit_id", "reason"], {
            "visit_id": ID, "reason": ID, "detail": {"type": "string"},
        }, "A visit left without carers, and why.")},
        "violations": {"type": "array", "items": _record(["rule", "hard", "message"], {
            "rule": ID, "hard": {"type": "boolean"}, "message": {"type": "string"},
            "visit_id": {"type": ["string", "null"]}, "carer_id": {"type": ["string", "null"]},
            "date": {"anyOf": [DATE, {"type": "null"}]},
        }, "A rule broken, as the rule checker words it.")},
        "report": {"type": "object", "description": "The week's report (roster report --json)."},
        "solve": {"type": "object", "description": "How the solve went: wall seconds, solver statistics."},
    },
}

SCHEMAS = {"problem": PROBLEM_SCHEMA, "solution": SOLUTION_SCHEMA}


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def validate(document: object, schema: dict) -> list[str]:
    """Every way document breaks schema, each as 'field.path: message'; empty when valid."""
    try:
        import jsonschema
    except ImportError:
        errors: list[str] = []
        _check(document, schema, [], errors)
        return sorted(errors)
    validator = jsonschema.Draft202012Validator(schema)
    found = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{_path(e.absolute_path)}: {e.message}" for e in found]


_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is_type(value: object, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def _check(value: object, schema: dict, path: list, errors: list[str]) -> None:
    """The keywords these schemas use, nothing more."""
    where = _path(path)
    if "anyOf" in schema:
        if all(_sub_errors(value, s, path) for s in schema["anyOf"]):
            errors.append(f"{where}: {value!r} is not valid under any of the given schemas")
        return
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {schema['const']!r} was expected")
        return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']!r}")
        return
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, n) for n in names):
            errors.append(f"{where}: {value!r} is not of type {' or '.join(repr(n) for n in names)}")
            return
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{where}: {value!r} is too short")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: {value!r} does not match {schema['pattern']!r}")
    if _is_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} is less than the minimum of {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} is greater than the maximum of {schema['maximum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{where}: {value!r} should be non-empty" if schema["minItems"] == 1
                          else f"{where}: {value!r} is too short")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{where}: {value!r} is too long")
        for i, item in enumerate(value):
            if "items" in schema:
                _check(item, schema["items"], path + [i], errors)
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(f"{where}: {key!r} is a required property")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                _check(item, properties[key], path + [key], errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: additional property {key!r} is not allowed")


def _sub_errors(value: object, schema: dict, path: list) -> list[str]:
    errors: list[str] = []
    _check(value, schema, path, errors)
    return errors
