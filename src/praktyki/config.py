"""Settings, read once at the edge (CLI, app) and passed down; nothing here touches disk."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "intfloat/multilingual-e5-small"


def default_data_dir() -> Path:
    """The user cache folder: the lemmatiser's dictionaries, and the converted model unless
    PRAKTYKI_DATA_DIR says otherwise."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "praktyki"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRAKTYKI_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder with the reports to index.")
    index_dir: Path = Field(Path("index"), description="Folder holding the built index versions.")
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="User cache: the converted default embedding model lives here.",
    )
    embedding_model: str = Field(
        DEFAULT_MODEL,
        description="sentence-transformers model name or local path used for dense retrieval.",
    )
    embedding_batch_size: int = Field(16, ge=1, description="Passages embedded per batch.")
    passage_precision: Literal["auto", "fp32", "bf16"] = Field(
        "auto",
        description="Passages embedded in float32 or under bfloat16 autocast (1.6x faster, "
        "cosine to float32 0.99999, the same MRR@10); auto takes bf16 where the processor has "
        "native bfloat16 (AVX-512 BF16 or AMX).",
    )
    query_runtime: Literal["onnx", "torch"] = Field(
        "onnx",
        description="What embeds questions: the model exported once to ONNX Runtime (same "
        "vectors, 2× faster, no interpreter lock held) or torch. Passages always use torch.",
    )
    chunk_min_words: int = Field(
        60, ge=10, description="A chunk grows until it has this many words."
    )
    chunk_max_words: int = Field(200, ge=20, description="A chunk never exceeds this many words.")
    chunk_overlap_sentences: int = Field(
        1, ge=0, description="Sentences repeated at the start of the next chunk."
    )
    top_k: int = Field(5, ge=1, le=50, description="Passages cited in an answer.")
    candidates: int = Field(50, ge=5, description="Passages each retriever hands to fusion.")
    fusion: Literal["zscore", "rrf", "adaptive", "weighted"] = Field(
        "zscore",
        description="How dense and lexical rankings combine: standardised report scores "
        "summed (zscore), rank-based (rrf), rank-based with per-question weights from rare "
        "terms and BM25's lead (adaptive), or min-max scaled passage scores (weighted).",
    )
    admin_user: str | None = Field(
        None, description="Admin login; with no password set the admin tab stays off."
    )
    admin_password: SecretStr | None = Field(
        None, description="Admin password (keep it in .env, never in git)."
    )
    max_upload_mb: int = Field(50, ge=1, description="Largest file an admin may upload, in MB.")
    app_db: Path = Field(
        Path("data/praktyki.sqlite"), description="SQLite file with the audit log and feedback."
    )
    host: str = Field("127.0.0.1", description="Address the web app listens on.")
    port: int = Field(7860, description="Port the web app listens on.")
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Host names requests may carry (Host header); empty: the loopback names on "
        "127.0.0.1, any name when serving beyond it.",
    )
    ssl_certfile: Path | None = Field(
        None, description="TLS certificate: with ssl_keyfile, the app is served over HTTPS."
    )
    ssl_keyfile: Path | None = Field(None, description="TLS private key for ssl_certfile.")
    feedback_per_minute: int = Field(
        10, ge=1, description="Ratings and comments one client may send a minute."
    )
    backend: Literal["faiss", "milvus"] = Field(
        "faiss",
        description="Where passages are searched: embedded FAISS + bm25s files in the index "
        "folder (faiss), or a Milvus collection (milvus; see PRAKTYKI_MILVUS_URI).",
    )
    milvus_uri: str = Field(
        "milvus.db",
        description="Milvus to use with backend=milvus: a file path ending in .db for embedded "
        "milvus-lite, or http://host:19530 for a Milvus server.",
    )
    milvus_token: SecretStr | None = Field(
        None, description="Milvus server credentials (user:password or an API key), if required."
    )
    milvus_timeout: float = Field(
        15.0,
        gt=0,
        description="Seconds a question waits for Milvus (pymilvus retries a server that is down "
        "for minutes); past it the user is told search is unavailable. Indexing waits as long "
        "as it takes.",
    )
    milvus_collection: str = Field(
        "praktyki",
        description="Prefix of the Milvus collections of this index: two indexes on one Milvus "
        "server need two prefixes.",
    )
    milvus_index_type: Literal["FLAT", "IVF_FLAT", "HNSW"] = Field(
        "FLAT",
        description="Milvus vector index: FLAT (exact) or IVF_FLAT with milvus-lite; HNSW on a "
        "Milvus server for millions of passages.",
    )
    milvus_inverted_indexes: bool = Field(
        False,
        description="INVERTED indexes on the filtered fields (doc id, year, regions, organisation "
        "types): a Milvus server with millions of passages wants them; milvus-lite has none.",
    )
    milvus_hnsw_ef: int = Field(
        256, ge=16, description="HNSW search breadth (ef) with milvus_index_type=HNSW."
    )
    concurrency: int = Field(
        4, ge=1, description="Questions the chat works on at once; the rest wait in the queue."
    )
    compute_threads: int = Field(
        1,
        ge=1,
        description="Threads torch and FAISS use for one question while serving. Questions come "
        "in parallel, so one each: two-thread OpenMP teams spin against each other (and against "
        "a reindex) on a small machine.",
    )
    queue_size: int = Field(
        32, ge=1, description="Requests that may wait in the queue; past it users are told to retry."
    )
    llm_url: str | None = Field(
        None,
        description="Base URL of an OpenAI-compatible server (e.g. http://127.0.0.1:8080/v1); "
        "set, answers are written by its model and checked sentence by sentence; unset, they "
        "stay extractive.",
    )
    llm_model: str = Field("", description="Model name sent to the language-model server.")
    llm_api_key: SecretStr | None = Field(
        None, description="Bearer token for the language-model server (never logged)."
    )
    llm_timeout: float = Field(
        30.0, gt=0, description="Seconds a generated answer may take before the extractive one."
    )
    llm_max_tokens: int = Field(
        300, ge=16, le=4096, description="Token budget of one generated answer."
    )
