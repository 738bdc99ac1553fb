"""Score the text-page parser on ../shared/data/pages (text mode); usage: text_eval.py [SOURCE...] [--section] [-v]."""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import pagescore  # noqa: E402

from moderation.parsing.text import parse_text_page  # noqa: E402

PAGES = HERE.parent.parent / "shared" / "data" / "pages"


def section_text(thread, page):
    """Comment lines plus the author/date lines among them: the dragnet gold's notion of comment text."""
    roles = thread.line_roles or {}
    numbers = roles.get("comment", [])
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers) + 3
    keep = set(numbers) | {n for n in roles.get("metadata", []) if low - 3 <= n <= high}
    lines = page.text().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(lines[n - 1] for n in sorted(keep))


def comment_text(thread, with_author=False):
    parts = []
    for c in thread.comments:
        parts.append(((c.author or "") + "\n" if with_author else "") + c.text)
    return "\n\n".join(parts)


def parse_seconds(pages):
    """CPU seconds to parse every page once (decoding excluded)."""
    texts = [page.text() for page in pages]
    started = time.process_time()
    for text in texts:
        parse_text_page(text)
    return max(time.process_time() - started, 1e-9)


def main(argv):
    with_author = "--author" in argv
    verbose = "-v" in argv
    sources = [a for a in argv if not a.startswith("-")] or list(pagescore.PAGE_SOURCES)
    cache = {}

    def parse(page):
        if page.id not in cache:
            cache[page.id] = parse_text_page(page.text(), source=page.id)
        return cache[page.id]

    for name in sources:
        cache.clear()
        pages = pagescore.load_pages(PAGES / name)
        t0 = time.perf_counter()
        if name == "trafilatura":
            res = pagescore.score_snippet_pages(pages, lambda p: (parse(p).article, comment_text(parse(p), with_author)))
            print(f"{name}: n={res['n_pages']} comment_recall={res['comment_recall']:.3f} "
                  f"article_recall={res['article_recall']:.3f} article_leak={res['article_leak']:.3f}")
            if verbose:
                for pid, (h, t) in sorted(res["per_page"].items(), key=lambda kv: kv[1][0] / max(1, kv[1][1])):
                    if h < t:
                        print(f"   {pid} {h}/{t}")
        else:
            if "--section" in argv:
                res = pagescore.score_comment_pages(pages, lambda p: section_text(parse(p), p))
            else:
                res = pagescore.score_comment_pages(pages, lambda p: comment_text(parse(p), with_author))
            print(f"{name}: with={res['n_with']} P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f} "
                  f"false_comment_rate={res['false_comment_rate']:.3f} (n_without={res['n_without']})")
            if verbose:
                bad = sorted((v[2], k) for k, v in res["per_page"].items() if isinstance(v, tuple))
                print("   worst:", " ".join(f"{k}:{f:.2f}" for f, k in bad[:40]))
                print("   false:", " ".join(k for k, v in res["per_page"].items() if v is True))
        print(f"   ({time.perf_counter() - t0:.1f}s with decoding; {len(pages) / parse_seconds(pages):.0f} pages/s parsing only)")


if __name__ == "__main__":
    main(sys.argv[1:])
