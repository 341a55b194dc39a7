"""A local Salesforce over HTTPS (a throwaway self-signed certificate for 127.0.0.1) on Salesforce's REST paths.

Every written record is validated against the sObject field lists recorded from Salesforce's Object Reference
(``salesforce_sobjects.json``, API 59.0): an unknown or non-createable field, a wrong type, a picklist value
Salesforce would refuse or a missing required field gets Salesforce's 400 error shape (``INVALID_FIELD``,
``REQUIRED_FIELD_MISSING``...), and every SOQL query may select and filter only fields of the object.
"""

from __future__ import annotations

import itertools
import json
import re
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote

from tests.vendors.fake_server import FakeVendorHandler, FakeVendorState, handler_for, serve_loopback

SOBJECTS: dict[str, Any] = json.loads((Path(__file__).with_name("salesforce_sobjects.json")).read_text())
VERSION = SOBJECTS["_version"]
PREFIX = {
    "Campaign": "701",
    "CampaignMember": "00v",
    "Lead": "00Q",
    "Contact": "003",
    "Opportunity": "006",
    "CampaignInfluence": "0Ci",
    "Account": "001",
}


class Invalid(ValueError):
    """A request Salesforce would refuse: its errorCode and message."""

    def __init__(self, code: str, message: str, fields: list[str] | None = None) -> None:
        super().__init__(message)
        self.code, self.fields = code, fields or []


def check_record(obj: str, record: dict[str, Any], *, creating: bool) -> None:
    """Validate one record's fields against the recorded sObject describe."""
    spec = SOBJECTS.get(obj)
    if spec is None:
        raise Invalid("NOT_FOUND", f"sObject type '{obj}' is not supported.")
    for name, value in record.items():
        if name == "attributes":
            continue
        kind = spec["create"].get(name)
        if kind is None:
            raise Invalid("INVALID_FIELD", f"No such column '{name}' on sobject of type {obj}", [name])
        ok = {
            "string": isinstance(value, str),
            "textarea": isinstance(value, str),
            "picklist": isinstance(value, str),
            "reference": isinstance(value, str) and len(value) in (15, 18),
            "email": isinstance(value, str) and "@" in value,
            "boolean": isinstance(value, bool),
            "currency": isinstance(value, int | float) and not isinstance(value, bool),
            "double": isinstance(value, int | float) and not isinstance(value, bool),
            "percent": isinstance(value, int | float) and not isinstance(value, bool),
            "date": isinstance(value, str) and _is_date(value),
        }[kind]
        if value is not None and not ok:
            raise Invalid(
                "INVALID_TYPE_ON_FIELD_IN_RECORD",
                f"{name}: value not of required type {kind}: {value!r}",
                [name],
            )
        allowed = spec["picklists"].get(name)
        if allowed and value not in allowed:
            raise Invalid(
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                f"{name}: bad value for restricted picklist field: {value}",
                [name],
            )
    if creating:
        missing = [f for f in spec["required"] if record.get(f) in (None, "")]
        if missing:
            raise Invalid(
                "REQUIRED_FIELD_MISSING", f"Required fields are missing: [{', '.join(missing)}]", missing
            )
        if obj == "CampaignMember" and not (record.get("ContactId") or record.get("LeadId")):
            raise Invalid("REQUIRED_FIELD_MISSING", "Required fields are missing: [ContactId or LeadId]")


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@dataclass
class SalesforceState(FakeVendorState):
    """The fake org's records (by sObject type) and what happened; tests read and seed it."""

    session: str
    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {k: {} for k in PREFIX})
    seq: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def bearer(self) -> str:
        """The session id requests must carry."""
        return self.session

    def insert(self, obj: str, fields: dict[str, Any]) -> str:
        rid = f"{PREFIX[obj]}{next(self.seq):015d}"
        self.records[obj][rid] = {"Id": rid, **{k: v for k, v in fields.items() if k != "attributes"}}
        return rid


_SOQL = re.compile(
    r"^SELECT (?P<fields>.+?) FROM (?P<obj>\w+)(?: WHERE (?P<field>\w+) (?P<op>=|IN) "
    r"(?P<value>\(.*\)|'.*'))?$",
    re.S,
)


def _values(text: str) -> list[str]:
    return [unquote(v) for v in re.findall(r"'((?:[^'\\]|\\.)*)'", text)]


_BASE = f"/services/data/v{VERSION}/"


class _Salesforce(FakeVendorHandler):
    state: ClassVar[SalesforceState]

    def unauthorized(self) -> Any:
        return [{"errorCode": "INVALID_SESSION_ID", "message": "Session expired or invalid"}]

    def injected(self) -> Any:
        return [{"errorCode": "SERVER_UNAVAILABLE", "message": "injected"}]

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        if not path.startswith(_BASE):
            return 404, [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]
        try:
            return self._route(method, path[len(_BASE) :].strip("/"), query, body)
        except Invalid as exc:
            self.state.refused.append(f"{method} {path}: {exc.code} {exc}")
            return 400, [{"errorCode": exc.code, "message": str(exc), "fields": exc.fields}]

    def _route(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        seg = [unquote(s) for s in path.split("/")]
        if seg[:1] == ["sobjects"] and len(seg) == 4:  # sobjects/Campaign/Liftoff_Campaign_Id__c/<value>
            obj, ext_field, value = seg[1], seg[2], seg[3]
            if ext_field not in SOBJECTS.get(obj, {}).get("create", {}):
                raise Invalid(
                    "NOT_FOUND",
                    f"Provided external ID field does not exist or is not accessible: {ext_field}",
                )
            found = next((r for r in self.state.records[obj].values() if r.get(ext_field) == value), None)
            if method == "GET":
                if found is None:
                    return 404, [
                        {"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}
                    ]
                return 200, {"attributes": {"type": obj}, **found}
            if method == "PATCH":
                if not isinstance(body, dict):
                    raise Invalid("JSON_PARSER_ERROR", "body must be a JSON object")
                if ext_field in body:
                    raise Invalid(
                        "INVALID_FIELD", f"{ext_field} is the upsert key; it must not be in the body"
                    )
                check_record(obj, body, creating=found is None)
                if found is None:
                    rid = self.state.insert(obj, {**body, ext_field: value})
                    return 201, {"id": rid, "success": True, "errors": [], "created": True}
                found.update(body)
                return 200, {"id": found["Id"], "success": True, "errors": [], "created": False}
        if path == "composite/sobjects" and method == "POST":
            if (
                not isinstance(body, dict)
                or set(body) - {"allOrNone", "records"}
                or not isinstance(body.get("records"), list)
            ):
                raise Invalid("JSON_PARSER_ERROR", "expected {allOrNone, records}")
            if len(body["records"]) > 200:
                raise Invalid(
                    "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records"
                )
            out = []
            for rec in body["records"]:
                obj = (rec.get("attributes") or {}).get("type")
                if not obj:
                    raise Invalid("INVALID_TYPE", "Must send a concrete entity type.")
                check_record(obj, rec, creating=True)
                if obj == "CampaignMember" and any(
                    m["CampaignId"] == rec["CampaignId"]
                    and (m.get("ContactId"), m.get("LeadId")) == (rec.get("ContactId"), rec.get("LeadId"))
                    for m in self.state.records[obj].values()
                ):
                    out.append(
                        {
                            "success": False,
                            "errors": [
                                {
                                    "statusCode": "DUPLICATE_VALUE",
                                    "message": "Already a campaign member.",
                                    "fields": [],
                                }
                            ],
                        }
                    )
                    continue
                out.append({"id": self.state.insert(obj, rec), "success": True, "errors": []})
            return 200, out
        if seg[:1] == ["query"] and method == "GET":
            soql = (query.get("q") or [""])[0]
            m = _SOQL.match(soql.strip())
            if not m:
                raise Invalid("MALFORMED_QUERY", f"unexpected SOQL: {soql[:80]}")
            obj = m["obj"]
            readable = set(SOBJECTS.get(obj, {}).get("read", []))
            wanted = [f.strip() for f in m["fields"].split(",")]
            bad = [f for f in [*wanted, *([m["field"]] if m["field"] else [])] if f not in readable]
            if bad:
                raise Invalid("INVALID_FIELD", f"No such column '{bad[0]}' on entity '{obj}'.")
            rows = list(self.state.records[obj].values())
            if m["field"]:
                vals = _values(m["value"])
                rows = [r for r in rows if str(r.get(m["field"]) or "").lower() in {v.lower() for v in vals}]
            records = [{"attributes": {"type": obj}, **{f: r.get(f) for f in wanted}} for r in rows]
            return 200, {"totalSize": len(records), "done": True, "records": records}
        return 404, [{"errorCode": "NOT_FOUND", "message": f"no route {method} {path}"}]


def _certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "sf-cert.pem", directory / "sf-key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@contextmanager
def fake_salesforce(session: str, tmp_dir: Path) -> Iterator[tuple[str, Path, SalesforceState]]:
    """Serve a fake Salesforce over HTTPS on loopback; yield its instance URL, its CA file and its state."""
    cert, key = _certificate(tmp_dir)
    state = SalesforceState(session=session)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    with serve_loopback(handler_for(_Salesforce, state), tls=tls) as port:
        yield f"https://127.0.0.1:{port}", cert, state
