"""Write the small files of the upload corpus to tests/uploads/files/ (the large ones are built at test time).

    python tests/uploads/make_corpus.py          # (re)write the files
    python tests/uploads/make_corpus.py --check  # exit 1 if a file differs from what the corpus builds
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.uploads.corpus import CORPUS  # noqa: E402

FILES = Path(__file__).resolve().parent / "files"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    FILES.mkdir(exist_ok=True)
    wanted = {u.name for u in CORPUS if not u.large}
    stale = [p.name for p in FILES.iterdir() if p.name not in wanted]
    differ = []
    for upload in CORPUS:
        if upload.large:
            continue
        data, path = upload.build(), FILES / upload.name
        if check:
            if not path.exists() or path.read_bytes() != data:
                differ.append(upload.name)
        else:
            path.write_bytes(data)
    if check:
        for name in differ + stale:
            print(f"differs or stale: {name}")
        return 1 if differ or stale else 0
    for name in stale:
        (FILES / name).unlink()
    print(f"wrote {len(wanted)} files to {FILES}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
