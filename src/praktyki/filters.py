"""Metadata filters: which reports a question may be answered from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import InvalidFilter
from .metadata import ORG_TYPES, REGIONS
from .normalize import fold
from .types import DocInfo


@dataclass(frozen=True, slots=True)
class Filters:
    region: str | None = None  # województwo, e.g. "łódzkie" (diacritics optional)
    year_from: int | None = None
    year_to: int | None = None
    org_type: str | None = None  # a legal form from metadata.ORG_FORMS, e.g. "ZAZ"
    doc_ids: tuple[str, ...] = ()  # a follow-up about the report just cited

    def active(self) -> bool:
        values = (self.region, self.year_from, self.year_to, self.org_type)
        return bool(self.doc_ids) or any(v not in (None, "") for v in values)


def check(f: Filters) -> None:
    """Refuse filters no report could ever match, instead of answering "not covered"."""
    if f.region and fold(f.region) not in {fold(r) for r in REGIONS}:
        raise InvalidFilter(f"unknown województwo {f.region!r}", "unknown-region", f.region)
    if f.org_type and fold(f.org_type) not in {fold(t) for t in ORG_TYPES}:
        raise InvalidFilter(
            f"unknown organisation type {f.org_type!r}", "unknown-org-type", f.org_type
        )
    if f.year_from is not None and f.year_to is not None and f.year_from > f.year_to:
        raise InvalidFilter(f"year range {f.year_from}–{f.year_to} is reversed", "years-reversed")


def matches(doc: DocInfo, f: Filters) -> bool:
    if f.doc_ids and doc.doc_id not in f.doc_ids:
        return False
    if f.region and fold(f.region) not in {fold(r) for r in (doc.regions or (doc.region,))}:
        return False
    if f.year_from is not None and (doc.year is None or doc.year < f.year_from):
        return False
    if f.year_to is not None and (doc.year is None or doc.year > f.year_to):
        return False
    return not (
        f.org_type and fold(f.org_type) not in {fold(form) for _, form in doc.organisations}
    )


def matching_doc_ids(docs: Iterable[DocInfo], f: Filters) -> set[str]:
    return {d.doc_id for d in docs if matches(d, f)}


def parse_year(value: object) -> int | None:
    """A year as a form or an API caller sends it: empty means no limit."""
    if value is None or str(value).strip() == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise InvalidFilter(f"year {value!r} is not a number", "bad-year", str(value)) from None
