"""praktyki: Polish question answering over reports on social-economy good practices."""

__version__ = "0.1.0"

from .api import Engine
from .config import Settings
from .types import Answer, Chunk, Citation, Document, Hit

__all__ = ["Answer", "Chunk", "Citation", "Document", "Engine", "Hit", "Settings", "__version__"]
