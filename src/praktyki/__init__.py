"""praktyki: Polish question answering over reports on social-economy good practices."""

__version__ = "0.1.0"

from .api import Engine  # noqa: E402
from .config import Settings  # noqa: E402
from .types import Answer, Chunk, Citation, Document, Hit  # noqa: E402

__all__ = ["Answer", "Chunk", "Citation", "Document", "Engine", "Hit", "Settings", "__version__"]
