"""Parser speed: CPU seconds per page for the HTML and text parsers, several code versions side by side.

This machine's speed drifts by up to a fifth over minutes, so a figure is only comparable with
another taken in the same minutes. Give other checkouts of the repository (``git worktree add
/tmp/old <commit>``) with ``--compare``: each version is timed in its own process, in turn, for
``--rounds`` rounds, and the best pass of each is reported.

Usage::

    python benchmarks/parse_speed.py ../shared/data/pages/dragnet
    python benchmarks/parse_speed.py ../shared/data/pages/dragnet --compare /tmp/old --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

__all__ = ["time_parser", "main"]


def time_parser(directory: Path, mode: str, passes: int = 3) -> float:
    """Best pages per CPU second of ``passes`` passes of one parser over the pages in ``directory``.

    Parameters
    ----------
    directory : Path
        A folder of ``ID.html`` / ``ID.txt`` pages (the ``../shared/data/pages`` layout).
    mode : {"html", "text"}
    passes : int

    Returns
    -------
    float
        Pages per second of CPU time in the fastest pass.
    """
    from moderation.errors import InputError
    from moderation.parsing.html import parse_html_page
    from moderation.parsing.text import parse_text_page

    parse = parse_html_page if mode == "html" else parse_text_page
    pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(directory.glob(f"*.{'html' if mode == 'html' else 'txt'}"))]
    if not pages:
        raise SystemExit(f"{directory}: no .{mode} pages")

    def one_pass() -> float:
        start = time.process_time()
        for page in pages:
            try:
                parse(page)
            except InputError:  # an empty page: a clear error is the parser's answer
                pass
        return len(pages) / (time.process_time() - start)

    one_pass()  # warm the caches and imports
    return max(one_pass() for _ in range(passes))


def _child(directory: str, passes: int) -> None:
    print(json.dumps({mode: time_parser(Path(directory), mode, passes) for mode in ("html", "text")}))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (``--json`` also writes it)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="pages in the ../shared/data/pages layout")
    parser.add_argument("--compare", nargs="*", default=[], type=Path, help="other checkouts to time in turn")
    parser.add_argument("--rounds", type=int, default=1, help="turns per version (the best is kept)")
    parser.add_argument("--passes", type=int, default=3, help="passes over the pages per turn")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(str(args.directory), args.passes)
        return 0
    versions = [REPO, *[p.resolve() for p in args.compare]]
    best: dict[str, dict[str, float]] = {str(v): {"html": 0.0, "text": 0.0} for v in versions}
    for _ in range(args.rounds):
        for version in versions:
            env = dict(os.environ, PYTHONPATH=str(version))
            out = subprocess.run([sys.executable, str(Path(__file__).resolve()), str(args.directory.resolve()),
                                  "--child", "--passes", str(args.passes)],
                                 env=env, cwd="/", capture_output=True, text=True, check=True)
            for mode, value in json.loads(out.stdout.strip().splitlines()[-1]).items():
                best[str(version)][mode] = max(best[str(version)][mode], value)
    print(f"{'version':<50} {'HTML pages/s':>13} {'text pages/s':>13}")
    for version, figures in best.items():
        print(f"{version:<50} {figures['html']:>13.1f} {figures['text']:>13.1f}")
    if args.json:
        args.json.write_text(json.dumps(best, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
