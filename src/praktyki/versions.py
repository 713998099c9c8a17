"""Which index version to serve. Every version records the size and SHA-256 of each of its files
in its manifest; a version is checked against them when it is opened, and a damaged live version
gives way to the newest intact one, so one overwritten file never takes the chat down.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .errors import IndexCorrupt, IndexMismatch, IndexMissing

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
POINTER = "current"
VERSION_GLOB = "v-*"
_READ_BLOCK = 1 << 20
Opened = TypeVar("Opened")


@dataclass(frozen=True, slots=True)
class Fallback:
    """The live version could not be opened; ``serving`` is answering in its place."""

    broken: str
    reason: str
    serving: str


def file_checksums(version_dir: Path) -> dict[str, dict[str, Any]]:
    """Size and SHA-256 of every file of a version except the manifest that lists them."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in version_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(version_dir).as_posix()
        if relative != MANIFEST:
            out[relative] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_READ_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def checked_manifest(version_dir: Path) -> dict[str, Any]:
    """The manifest of a version whose files all match it; IndexCorrupt names what does not.
    Versions written before checksums existed are only checked for being readable."""
    try:
        manifest = json.loads((version_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(version_dir, f"unreadable manifest: {exc}") from exc
    if not isinstance(manifest, dict):
        raise IndexCorrupt(version_dir, "unreadable manifest: not a JSON object")
    for name, expected in (manifest.get("files") or {}).items():
        path = version_dir / name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise IndexCorrupt(version_dir, f"missing file {name}") from exc
        if size != expected.get("bytes") or _sha256(path) != expected.get("sha256"):
            raise IndexCorrupt(version_dir, f"file {name} does not match its checksum")
    return manifest


def stamps(version_dir: Path, manifest: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """(size, mtime) of the files a manifest lists: a cheap per-question test that nothing
    overwrote the version since it was checked."""
    out = {}
    for name in manifest.get("files") or {}:
        try:
            stat = os.stat(version_dir / name)
        except OSError:
            out[name] = (-1, -1)
        else:
            out[name] = (stat.st_size, stat.st_mtime_ns)
    return out


def candidates(index_dir: Path, current: Path | None) -> list[Path]:
    """The live version first, then every other version, newest first."""
    others = sorted(
        (p for p in index_dir.glob(VERSION_GLOB) if p.is_dir() and p != current),
        key=lambda p: p.name,
        reverse=True,
    )
    return ([current] if current is not None else []) + others


def swap_pointer(index_dir: Path, name: str) -> None:
    """Point ``current`` at version ``name`` in one atomic rename."""
    tmp = index_dir / f".{POINTER}.{uuid.uuid4().hex}"
    tmp.write_text(name, "utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / POINTER)


def pointed_version(index_dir: Path) -> Path | None:
    """The version ``current`` names, whether or not it is intact."""
    try:
        name = (index_dir / POINTER).read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name or "/" in name or name.startswith("."):
        return None
    version = index_dir / name
    return version if version.is_dir() else None


def newest_intact(index_dir: Path) -> tuple[Path | None, list[IndexCorrupt]]:
    """The live version if intact, else the newest intact other one; and what was wrong with
    the versions passed over."""
    damaged: list[IndexCorrupt] = []
    for version in candidates(index_dir, pointed_version(index_dir)):
        try:
            checked_manifest(version)
        except IndexCorrupt as exc:
            log.warning("Index version damaged: %s", exc)
            damaged.append(exc)
            continue
        return version, damaged
    return None, damaged


def open_best(
    index_dir: Path, current: Path | None, opener: Callable[[Path], Opened]
) -> tuple[Opened, Fallback | None]:
    """Open the live version, or, if it is damaged, the newest intact one with a Fallback
    saying so. A live version built for other settings is refused, not passed over."""
    damaged: list[IndexCorrupt] = []
    for path in candidates(index_dir, current):
        try:
            version = opener(path)
        except IndexCorrupt as exc:
            log.error("Index version damaged: %s", exc)
            damaged.append(exc)
            continue
        except IndexMismatch:
            if path == current:
                raise
            continue  # an older version built for other settings is no fallback
        fallback = None
        if damaged and damaged[0].version_dir == str(current):
            fallback = Fallback(damaged[0].version, damaged[0].reason, path.name)
            log.error("Serving index version %s instead", path.name)
        return version, fallback
    if damaged:
        raise damaged[0]
    raise IndexMissing(index_dir)
