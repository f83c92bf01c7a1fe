"""Ingest speed: `chipwise ingest` chunks/s against raw `model.encode` of the same chunks.

Run: .venv/bin/python bench/ingest.py [--copies 4]
Both are measured in this run on this machine; the ratio is what to watch.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.settings import Settings  # noqa: E402
from assistant.startup import ingest_knowledge  # noqa: E402
from assistant.text.language import detect_language  # noqa: E402
from ingest.discovery import discover  # noqa: E402
from ingest.embeddings import SentenceEmbeddings  # noqa: E402
from ingest.loaders import load  # noqa: E402
from ingest.splitting import Splitter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of knowledge/ to ingest")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chipwise-bench-"))
    corpus = work / "corpus"
    for i in range(args.copies):
        shutil.copytree(REPO / "knowledge", corpus / f"copy{i}")
    embeddings = SentenceEmbeddings()
    splitter = Splitter(embeddings.count_tokens)
    files = [load(p, corpus, detect_language) for p in discover(corpus)]
    texts = [c.text for f in files for c in splitter.split(f)]
    embeddings.encoder.encode(texts[:32])  # warm up both paths alike

    started = time.perf_counter()
    embeddings.encoder.encode(texts, batch_size=32)
    raw_s = time.perf_counter() - started

    settings = Settings(data_dir=work / "data")
    report = ingest_knowledge([corpus], settings, embeddings=embeddings, progress=False)
    again = ingest_knowledge([corpus], settings, embeddings=embeddings, progress=False)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ui.cli", "ingest", "--quiet", str(corpus)],
        cwd=REPO,
        env={
            "CHIPWISE_DATA_DIR": str(settings.data_dir),
            "PATH": "/usr/bin",
            "HF_HUB_OFFLINE": "1",
        },
        check=True,
        capture_output=True,
    )
    cli_unchanged_s = time.perf_counter() - started
    result = {
        "chunks": len(texts),
        "raw_encode_chunks_per_s": round(len(texts) / raw_s, 1),
        "ingest_chunks_per_s": round(report.chunks_added / report.seconds, 1),
        "ratio_ingest_vs_raw": round(
            (report.chunks_added / report.seconds) / (len(texts) / raw_s), 3
        ),
        "unchanged_reingest_s": again.seconds,
        "unchanged_reingest_cli_s_incl_startup": round(cli_unchanged_s, 2),
        "unchanged_added": again.chunks_added,
    }
    print(json.dumps(result, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
