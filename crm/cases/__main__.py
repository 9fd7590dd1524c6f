"""Regenerate the case data: ``python -m crm.cases [--case NAME] [--seed N] [--out DIR]``."""
from __future__ import annotations

import argparse
from pathlib import Path

from crm.cases import write_case
from crm.cases.registry import GENERATED


def main(argv: list[str] | None = None) -> None:
    """Write ``data/<case>/`` for every case (or one), deterministically from the seed."""
    parser = argparse.ArgumentParser(prog="python -m crm.cases", description=__doc__)
    parser.add_argument("--case", choices=sorted(GENERATED), help="only this case (default: all, drafts included)")
    parser.add_argument("--seed", type=int, help="seed (default: each case's own); another seed gives a data variant")
    parser.add_argument("--out", type=Path, help="data folder (default: the repo's data/)")
    args = parser.parse_args(argv)
    for name in [args.case] if args.case else GENERATED:
        print(f"{name}: {write_case(name, args.seed, args.out)}")


if __name__ == "__main__":
    main()
