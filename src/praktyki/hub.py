"""A model's files in the local Hugging Face cache, looked up without the network."""

from __future__ import annotations

from pathlib import Path


def cached_file(name: str, filename: str) -> Path | None:
    """``filename`` of model ``name`` in its cached snapshot, or None when it is not cached
    (or huggingface_hub cannot tell)."""
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(name, filename)
    except Exception:
        return None
    return Path(found) if isinstance(found, str) else None
