"""Write the small files of the upload corpus to tests/uploads/files/ (the large ones are built at test time).

    python tests/uploads/make_corpus.py          # (re)write the files
    python tests/uploads/make_corpus.py --check  # exit 1 if a file differs from what the corpus builds
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.uploads.corpus import CORPUS, Loads  # noqa: E402

FILES = Path(__file__).resolve().parent / "files"
README = Path(__file__).resolve().parent / "README.md"


def readme() -> str:
    """The corpus as a table: each file, its class and the outcome it must give."""
    lines = ["# Upload corpus", "",
             "Awkward files a student might bring, each with the outcome `crm.core.io.read_upload` must give.",
             "Built by `tests/uploads/corpus.py` (the manifest), written here by",
             "`python tests/uploads/make_corpus.py`,",
             "checked by `tests/core/test_upload_corpus.py`. Files marked *built at test time* are not committed.",
             "This page is generated: edit the manifest, then run the script.", "",
             f"{sum(isinstance(u.expect, Loads) for u in CORPUS)} files load, "
             f"{sum(not isinstance(u.expect, Loads) for u in CORPUS)} are refused; {len(CORPUS)} in all.", "",
             "| file | class | outcome |", "| --- | --- | --- |"]
    for u in CORPUS:
        e = u.expect
        if isinstance(e, Loads):
            outcome = f"loads: {e.rows:,} rows, {e.customers:,} customers, total {e.total:,.2f}"
        else:
            where = (f"; column `{e.column}`" if e.column else "") + (
                f"; rows {', '.join(map(str, e.rows))}" if e.rows else "")
            outcome = f"DataError ({' / '.join(e.en)}{where})"
        name = f"`{u.name}`" + (" (*built at test time*)" if u.large else "")
        lines.append(f"| {name} | {u.kind.replace('|', '/')} | {outcome} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    FILES.mkdir(exist_ok=True)
    wanted = {u.name for u in CORPUS if not u.large}
    stale = [p.name for p in FILES.iterdir() if p.name not in wanted]
    differ = [] if README.exists() and README.read_text(encoding="utf-8") == readme() else ["README.md"]
    if not check:
        README.write_text(readme(), encoding="utf-8")
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
