"""Time to read (or refuse) each file of the bad-file fuzz set: the per-file bound of issue #10.

    python bench/bad_files.py

Prints the number of files, the median and the three slowest reads.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import test_bad_files_fuzz as fuzz  # noqa: E402

from praktyki.load import iter_corpus_files, read_safely  # noqa: E402


class _TempDirs:
    """What the fuzz fixture needs of pytest's tmp_path_factory."""

    def mktemp(self, name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=name))


def main() -> None:
    build = getattr(fuzz.files, "__wrapped__", None) or fuzz.files._get_wrapped_function()
    files = build(_TempDirs())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files["good"] + files["named_bad"] + files["mutants"]:
            (root / name).write_bytes(data)
        times = {}
        for path in iter_corpus_files(root):
            start = time.perf_counter()
            with contextlib.suppress(Exception):  # a refused file is timed like a read one
                read_safely(path, root)
            times[path.name] = time.perf_counter() - start
    slowest = sorted(times.items(), key=lambda item: -item[1])[:3]
    print(
        f"{len(times)} files ({len(files['named_bad'])} named bad kinds, "
        f"{len(files['mutants'])} mutations, {len(files['good'])} good) on {os.cpu_count()} cores: "
        f"median {statistics.median(times.values()) * 1000:.1f} ms, slowest "
        + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in slowest)
    )


if __name__ == "__main__":
    main()
