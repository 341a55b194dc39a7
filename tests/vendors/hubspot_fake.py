"""A local HubSpot: answers on HubSpot's real API paths and validates every request body against the models of
``hubspot-api-client`` (the SDK's own request models; see tests/vendors/README.md). A wrong field, type or a
missing required field gets HubSpot's 400 error shape and fails the test that sent it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import unquote

import hubspot.crm.contacts.models as contact_models
import hubspot.crm.lists.models as list_models
import hubspot.marketing.emails.models as email_models
from hubspot.crm.contacts.api_client import ApiClient as ContactsClient
from hubspot.crm.lists.api_client import ApiClient as ListsClient
from hubspot.marketing.emails.api_client import ApiClient as EmailsClient

from tests.vendors.fake_server import FakeVendorHandler, FakeVendorState, handler_for, serve_loopback
from tests.vendors.sdk_schema import SchemaError, complete, validate

NOW = "2026-03-02T12:00:00Z"


@dataclass
class HubSpotState(FakeVendorState):
    """Everything the fake HubSpot holds; tests read and seed it."""

    token: str
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> properties
    lists: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {name, members}
    emails: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> request + state
    stats: dict[str, list[tuple[str, str, dict[str, int]]]] = field(default_factory=dict)  # email -> days
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1001))

    @property
    def bearer(self) -> str:
        """The private-app token requests must carry."""
        return self.token

    def by_email(self, email: str) -> str | None:
        return next((cid for cid, p in self.contacts.items() if p.get("email") == email), None)


class _HubSpot(FakeVendorHandler):
    state: ClassVar[HubSpotState]

    def unauthorized(self) -> Any:
        return {
            "status": "error",
            "category": "INVALID_AUTHENTICATION",
            "message": "Authentication credentials not found.",
        }

    def injected(self) -> Any:
        return {"status": "error", "message": "injected failure"}

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        try:
            return self._route(method, path, query, body)
        except SchemaError as exc:
            self.state.refused.append(f"{method} {path}: {exc}")
            return 400, {"status": "error", "category": "VALIDATION_ERROR", "message": str(exc)}

    def _route(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        seg = [unquote(s) for s in path.strip("/").split("/")]
        if (method, path) == ("POST", "/crm/v3/objects/contacts/batch/upsert"):
            validate(contact_models, ContactsClient, body, "BatchInputSimplePublicObjectBatchInputUpsert")
            results = []
            for item in body["inputs"]:
                if item.get("idProperty") != "email" or item["id"] != item["properties"].get("email"):
                    raise SchemaError("contacts are upserted by email: idProperty=email, id=the email")
                cid = self.state.by_email(item["id"])
                new = cid is None
                cid = cid or str(next(self.state.ids))
                self.state.contacts.setdefault(cid, {}).update(item["properties"])
                results.append(
                    complete(
                        contact_models,
                        ContactsClient,
                        "SimplePublicUpsertObject",
                        {
                            "id": cid,
                            "properties": item["properties"],
                            "new": new,
                            "createdAt": NOW,
                            "updatedAt": NOW,
                            "archived": False,
                        },
                    )
                )
            return 200, complete(
                contact_models,
                ContactsClient,
                "BatchResponseSimplePublicUpsertObject",
                {"status": "COMPLETE", "results": results, "startedAt": NOW, "completedAt": NOW},
            )
        if (method, path) == ("POST", "/crm/v3/objects/contacts/batch/read"):
            validate(contact_models, ContactsClient, body, "BatchReadInputSimplePublicObjectId")
            props = body.get("properties") or []
            results = [
                complete(
                    contact_models,
                    ContactsClient,
                    "SimplePublicObject",
                    {
                        "id": i["id"],
                        "properties": {p: self.state.contacts[i["id"]].get(p) for p in props},
                        "createdAt": NOW,
                        "updatedAt": NOW,
                        "archived": False,
                    },
                )
                for i in body["inputs"]
                if i["id"] in self.state.contacts
            ]
            return 200, complete(
                contact_models,
                ContactsClient,
                "BatchResponseSimplePublicObject",
                {"status": "COMPLETE", "results": results, "startedAt": NOW, "completedAt": NOW},
            )
        if (
            method == "GET"
            and seg[:5] == ["crm", "v3", "lists", "object-type-id", "0-1"]
            and seg[5] == "name"
        ):
            found = next((i for i, x in self.state.lists.items() if x["name"] == seg[6]), None)
            if found is None:
                return 404, {"status": "error", "category": "OBJECT_NOT_FOUND", "message": "no list"}
            return 200, {"list": self._list(found)}
        if (method, path) == ("POST", "/crm/v3/lists/"):
            validate(list_models, ListsClient, body, "ListCreateRequest")
            if body["processingType"] != "MANUAL" or body["objectTypeId"] != "0-1":
                raise SchemaError("a static contact list is processingType MANUAL, objectTypeId 0-1")
            lid = str(next(self.state.ids))
            self.state.lists[lid] = {"name": body["name"], "members": []}
            return 200, {"list": self._list(lid)}
        if method == "PUT" and seg[:3] == ["crm", "v3", "lists"] and seg[4:] == ["memberships", "add"]:
            _ids = body if isinstance(body, list) and all(isinstance(x, str) for x in body) else None
            if _ids is None:
                raise SchemaError("memberships/add takes a JSON list of record id strings")
            lst = self.state.lists.get(seg[3])
            if lst is None:
                return 404, {"status": "error", "message": "no list"}
            added = [x for x in _ids if x not in lst["members"] and x in self.state.contacts]
            lst["members"] += added
            return 200, {
                "recordsIdsAdded": added,
                "recordIdsMissing": [x for x in _ids if x not in self.state.contacts],
                "recordIdsRemoved": [],
            }
        if method == "GET" and seg[:3] == ["crm", "v3", "lists"] and seg[4:] == ["memberships"]:
            lst = self.state.lists.get(seg[3])
            if lst is None:
                return 404, {"status": "error", "message": "no list"}
            return 200, {
                "results": [{"recordId": m, "membershipTimestamp": NOW} for m in lst["members"]],
                "total": len(lst["members"]),
            }
        if (method, path) == ("POST", "/marketing/v3/emails/"):
            validate(email_models, EmailsClient, body, "EmailCreateRequest")
            eid = str(next(self.state.ids))
            self.state.emails[eid] = {**body, "state": "DRAFT"}
            return 201, complete(
                email_models,
                EmailsClient,
                "PublicEmail",
                {
                    "id": eid,
                    "name": body["name"],
                    "subject": body.get("subject", ""),
                    "state": "DRAFT",
                    "createdAt": NOW,
                    "updatedAt": NOW,
                },
            )
        if (
            method == "POST"
            and seg[:3] == ["marketing", "v3", "emails"]
            and seg[4:] in (["publish"], ["unpublish"])
        ):
            email = self.state.emails.get(seg[3])
            if email is None:
                return 404, {"status": "error", "message": "no email"}
            if body is not None:
                raise SchemaError(f"{seg[4]} takes no body")
            email["state"] = (
                ("SCHEDULED" if email.get("publishDate") else "PUBLISHED")
                if seg[4] == "publish"
                else "CANCELED"
            )
            email.setdefault("publish_calls", 0)
            email["publish_calls"] += seg[4] == "publish"
            return 204, None
        if (method, path) == ("GET", "/marketing/v3/emails/statistics/histogram"):
            if query.get("interval") != ["DAY"]:
                raise SchemaError("interval must be DAY here")
            wanted = set(query.get("emailIds", []))
            days: dict[tuple[str, str], dict[str, int]] = {}
            for eid in wanted:
                for start, end, counters in self.state.stats.get(eid, []):
                    acc = days.setdefault((start, end), {})
                    for k, v in counters.items():
                        acc[k] = acc.get(k, 0) + v
            results = [
                {"interval": {"start": s, "end": e}, "aggregations": {"counters": c}}
                for (s, e), c in sorted(days.items())
            ]
            doc = {"total": len(results), "results": results}
            return 200, complete(
                email_models, EmailsClient, "CollectionResponseWithTotalEmailStatisticIntervalNoPaging", doc
            )
        return 404, {
            "status": "error",
            "category": "OBJECT_NOT_FOUND",
            "message": f"no route {method} {path}",
        }

    def _list(self, lid: str) -> dict[str, Any]:
        lst = self.state.lists[lid]
        return complete(
            list_models,
            ListsClient,
            "PublicObjectList",
            {
                "listId": lid,
                "name": lst["name"],
                "objectTypeId": "0-1",
                "processingType": "MANUAL",
                "processingStatus": "COMPLETE",
                "listVersion": 1,
                "size": len(lst["members"]),
            },
        )


@contextmanager
def fake_hubspot(token: str) -> Iterator[tuple[str, HubSpotState]]:
    """Serve a fake HubSpot on loopback; yield its base URL and state."""
    state = HubSpotState(token=token)
    with serve_loopback(handler_for(_HubSpot, state)) as port:
        yield f"http://127.0.0.1:{port}", state
