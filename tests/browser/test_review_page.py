"""The review page in a real headless Chromium: keyboard triage, export, persistence, and hostile comments."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from moderation.labels.decisions import decisions_to_labels, read_decisions
from moderation.report import render_review_page, safe_cell

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

SCRIPT_TEXT = "<script>window.__pwned=1</script> lol nice try, moderators"
IMG_TEXT = '<img src=x onerror="window.__pwned=1"> the council is a bunch of crooks'
JS_LINK_TEXT = "javascript:window.__pwned=1 — a four day week would be great for families, honestly"
FORMULA_TEXT = "=cmd|' /C calc'!A0 go back to your basement, nobody asked"
T1 = "t01-harlow-bike-lanes"
T2 = "t03-four-day-week"
TARGET1 = "The city should build protected bike lanes on Harlow Avenue"
TARGET2 = "The county should move staff to a four-day work week"


def _row(tid, n, text, flag, p_uncivil, stance, *, reason=None, explanation=(), parent=None, author="reader"):
    probs = {"favor": (0.71, 0.18, 0.11), "against": (0.14, 0.74, 0.12), "neutral": (0.2, 0.18, 0.62)}[stance]
    if reason is None:
        reason = {"flagged": f"uncivil p={p_uncivil:.2f} >= 0.50", "review": "uncertain 0.35-0.50", "ok": ""}[flag]
    return {
        "thread_id": tid, "thread_title": tid, "thread_source": f"pages/{tid}.html", "comment_id": f"c{n}",
        "position": n, "author": author, "published": f"2024-05-02T10:{n:02d}:00", "parent": parent, "text": text,
        "stance": stance, "stance_target": TARGET1 if tid == T1 else TARGET2, "stance_target_source": "thread",
        "p_favor": probs[0], "p_against": probs[1], "p_neutral": probs[2],
        "civility": "uncivil" if p_uncivil >= 0.5 else "civil", "p_uncivil": p_uncivil, "flag": flag,
        "flag_reason": reason, "explanation": [list(e) for e in explanation],
    }


def _rows():
    return [
        _row(T1, 1, "Finally. I bike Harlow to work every day and it's terrifying between the rail bridge and Copper St.",
             "ok", 0.04, "favor", author="cyclist_jo"),
        _row(T1, 2, "Only an idiot would think removing 140 parking spots helps the shops. You people are clueless.",
             "flagged", 0.91, "against", explanation=[("idiot", 1.8), ("you people", 1.2), ("clueless", 0.9),
                                                      ("shops", -0.3)], parent="c1", author="mkpark"),
        _row(T1, 3, SCRIPT_TEXT, "review", 0.42, "neutral", explanation=[("lol", 0.4)]),
        _row(T1, 4, IMG_TEXT, "flagged", 0.77, "against", explanation=[("crooks", 1.5), ("bunch of", 0.5)],
             author='<b onmouseover="window.__pwned=1">bold</b>'),
        _row(T1, 5, FORMULA_TEXT, "flagged", 0.83, "against", reason="blocked term: basement",
             explanation=[("nobody asked", 1.1), ("go back", 0.8)]),
        _row(T1, 6, "Studies keep showing cyclists spend more at local shops than drivers do.", "ok", 0.03, "favor"),
        _row(T2, 1, JS_LINK_TEXT, "review", 0.38, "favor", explanation=[("honestly", 0.2), ("great", -0.6)]),
        _row(T2, 2, "Typical brainless take from a typical brainless reader.", "flagged", 0.95, "against",
             explanation=[("brainless", 2.1), ("typical", 0.7)], author="anon_22"),
        _row(T2, 3, "@everyone the trial data says productivity held up. Read it before you yell.", "review", 0.44,
             "favor", explanation=[("yell", 0.5)], parent="c2"),
        _row(T2, 4, "Productivity data from the pilot looks solid to me.", "ok", 0.02, "favor"),
    ]


THREADS = {
    T1: {"title": "Council votes on protected bike lanes for Harlow Avenue", "source": "pages/harlow.html",
         "url": "https://news.example/harlow-bike-lanes", "comment_count": 6,
         "article_excerpt": "The city council votes Tuesday on replacing 140 parking spaces on Harlow Avenue with "
                            "curb-protected bike lanes between the rail bridge and Copper Street."},
    T2: {"title": "Should the county try a four-day work week?", "source": "pages/four-day.txt", "url": "",
         "article_excerpt": "A pilot for 300 county staff would start in March, with the same pay for 32 hours.",
         "comment_count": 4},
}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page_file(tmp_path):
    return render_review_page(_rows(), THREADS, tmp_path / "review.html", title="Comment review: Brennock Herald",
                              model_info={"model": "baseline-2024-05", "threshold": 0.5},
                              generated=dt.datetime(2024, 5, 2, 12, 0, tzinfo=dt.UTC))


def _open(browser, path):
    """A fresh context (own localStorage) with every request recorded and anything off-disk blocked."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900},
                                  reduced_motion="reduce")
    requests: list[str] = []
    errors: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
                  else route.abort())
    page.goto(path.as_uri())
    page.wait_for_selector("body.ready")
    return context, page, requests, errors


def _remaining(page) -> int:
    return int(page.inner_text("#remaining"))


def _current(page) -> str:
    return page.eval_on_selector("article.card.current", "el => el.dataset.key")


def _order(page) -> list[str]:
    return page.eval_on_selector_all("article.card", "els => els.map(e => e.dataset.key)")


def _download(page, key: str) -> Path:
    with page.expect_download() as info:
        page.keyboard.press(key)
    return Path(info.value.path())


def test_keyboard_triage_export_and_hostile_text(browser, page_file, tmp_path):
    context, page, requests, errors = _open(browser, page_file)
    try:
        # Reviewer name is asked once, in an input box.
        assert page.is_visible("#reviewer-dialog")
        page.fill("#reviewer-input", "Dana Moderator")
        page.press("#reviewer-input", "Enter")
        assert page.is_hidden("#reviewer-dialog")
        assert page.inner_text("#reviewer-name") == "Dana Moderator"

        # Hostile text is shown as text and nothing it contains ran or became an element.
        assert page.evaluate("window.__pwned") is None
        body_text = page.inner_text("#list")
        for hostile in (SCRIPT_TEXT, IMG_TEXT, JS_LINK_TEXT, FORMULA_TEXT):
            assert hostile.split(" — ")[0][:30] in body_text
        assert page.eval_on_selector_all("#list img, #list script, #list a, #list b", "els => els.length") == 0
        assert '<b onmouseover="window.__pwned=1">bold</b>' in body_text

        # Counts of everything and a remaining count for the flagged/review comments.
        assert page.inner_text("#count-total") == "10"
        assert page.inner_text("#count-flagged") == "4"
        assert page.inner_text("#count-review") == "3"
        assert page.inner_text("#count-ok") == "3"
        assert _remaining(page) == 7

        # Contributing n-grams are highlighted inside the comment text.
        marks = page.eval_on_selector_all("mark", "els => els.map(e => e.textContent.toLowerCase())")
        assert {"idiot", "you people", "clueless", "brainless", "basement"} <= set(marks)

        order = _order(page)
        assert order[0] == f"{T2}\u241fc2"  # highest uncivil score first, grouped by thread
        assert _current(page) == order[0]

        page.keyboard.press("r")  # reject the 0.95 comment, move on
        assert _remaining(page) == 6
        assert _current(page) == order[1]
        page.keyboard.press("j")
        assert _current(page) == order[2]
        page.keyboard.press("k")
        assert _current(page) == order[1]
        page.keyboard.press("a")  # approve
        assert _remaining(page) == 5
        relabelled = _current(page)
        assert relabelled == order[2]
        page.keyboard.press("s")
        assert page.is_visible("#mode")
        page.keyboard.press("n")  # stance -> neutral
        assert page.is_hidden("#mode")
        assert _remaining(page) == 4
        card = f'article.card[data-key="{relabelled}"]'
        assert page.inner_text(f"{card} .stance-chip").startswith("neutral")
        civility_before = page.inner_text(f"{card} .civ-chip")
        page.keyboard.press("c")  # toggle civility
        assert page.inner_text(f"{card} .civ-chip") != civility_before
        page.keyboard.press("u")  # undo the toggle
        assert page.inner_text(f"{card} .civ-chip") == civility_before
        assert _remaining(page) == 4
        page.keyboard.press("u")  # undo the relabel: undecided again
        assert _remaining(page) == 5
        assert page.inner_text(f"{card} .decision") == "Undecided"
        page.keyboard.press("s")
        page.keyboard.press("f")  # stance -> favor, kept
        assert _remaining(page) == 4

        # Select two with x and reject them in bulk.
        page.keyboard.press("j")
        page.keyboard.press("x")
        page.keyboard.press("j")
        page.keyboard.press("x")
        assert page.is_visible("#bulkbar")
        assert page.inner_text("#selected-count") == "2 selected"
        bulk = [order[3], order[4]]
        page.keyboard.press("R")
        assert _remaining(page) == 2
        assert page.is_hidden("#bulkbar")

        # Help overlay.
        page.keyboard.press("?")
        assert page.is_visible("#help")
        page.keyboard.press("Escape")
        assert page.is_hidden("#help")

        # JSON export.
        exported = json.loads(_download(page, "e").read_text(encoding="utf-8"))
        assert exported["format"] == "moderation.review-decisions/1"
        assert exported["reviewer"] == "Dana Moderator"
        records = {f"{r['thread_id']}\u241f{r['comment_id']}": r for r in exported["decisions"]}
        assert set(records) == {order[0], order[1], relabelled, *bulk}
        first = records[order[0]]
        assert (first["action"], first["old_civility"], first["new_civility"]) == ("reject", "uncivil", "uncivil")
        assert first["text"] == "Typical brainless take from a typical brainless reader."
        assert first["label_id"] == f"{T2}-2" and first["reviewer"] == "Dana Moderator"
        assert dt.datetime.fromisoformat(first["time"].replace("Z", "+00:00")).tzinfo is not None
        assert records[order[1]]["action"] == "approve" and records[order[1]]["new_civility"] == "civil"
        assert (records[relabelled]["action"], records[relabelled]["new_stance"]) == ("relabel", "favor")
        assert all(records[k]["action"] == "reject" for k in bulk)
        json_path = tmp_path / "decisions.json"
        json_path.write_text(json.dumps(exported), encoding="utf-8")

        # CSV export: formula-looking cells neutralised exactly as the Python helper does it.
        csv_bytes = _download(page, "E").read_bytes()
        csv_text = csv_bytes.decode("utf-8-sig")
        table = list(csv.DictReader(io.StringIO(csv_text, newline="")))
        assert len(table) == 5
        by_text = {row["text"]: row for row in table}
        for record in exported["decisions"]:
            assert safe_cell(record["text"]) in by_text
        formula_rows = [row for row in table if row["thread_id"] == T1 and row["comment_id"] == "c5"]
        assert [row["text"] for row in formula_rows] == ["'" + FORMULA_TEXT]
        csv_path = tmp_path / "decisions.csv"
        csv_path.write_bytes(csv_bytes)

        # Both exports read back into the same decisions and label rows.
        from_json, from_csv = read_decisions(json_path), read_decisions(csv_path)
        assert from_json == from_csv
        labels, conflicts = decisions_to_labels(from_json)
        assert not conflicts and len(labels) == 5
        assert set(labels["annotator"]) == {"review:Dana Moderator"}

        # Screenshot for humans (test-output/); MODERATION_UPDATE_DOCS=1 also refreshes the README's copy.
        page.wait_for_selector("#toast", state="hidden")
        for _ in order:
            page.keyboard.press("k")
        page.evaluate("window.scrollTo(0, 0)")
        out = REPO / "test-output"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / "review-page.png"), animations="disabled")
        if os.environ.get("MODERATION_UPDATE_DOCS") == "1":
            (REPO / "docs").mkdir(exist_ok=True)
            shutil.copyfile(out / "review-page.png", REPO / "docs" / "review-page.png")

        # A reload keeps the decisions (localStorage keyed by the report id) and the reviewer.
        page.reload()
        page.wait_for_selector("body.ready")
        assert page.is_hidden("#reviewer-dialog")
        assert _remaining(page) == 2
        assert page.inner_text(f'article.card[data-key="{order[0]}"] .decision').startswith("Rejected")

        assert page.evaluate("window.__pwned") is None
        assert not errors, errors
        off_disk = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
        assert not off_disk, f"the page tried to reach the network: {off_disk}"
        assert requests and all(u == page_file.as_uri() for u in requests if u.startswith("file:"))
    finally:
        context.close()


def test_export_neutralises_every_formula_prefix(browser, tmp_path):
    texts = ["=1+1", "+1 agreed", "-1 for this", "@mayor resign", "\tnull", "\rcarriage", "'=quoted", "''two",
             "'tis fine", "plain", '"quoted" =not-first']
    rows = [_row(T1, i + 1, text, "flagged", 0.9, "against") for i, text in enumerate(texts)]
    path = render_review_page(rows, THREADS, tmp_path / "p.html")
    context, page, _, errors = _open(browser, path)
    try:
        page.fill("#reviewer-input", "=evil reviewer")
        page.press("#reviewer-input", "Enter")
        for _ in texts:
            page.keyboard.press("r")
        assert _remaining(page) == 0
        raw = _download(page, "E").read_bytes().decode("utf-8-sig")
        table = list(csv.DictReader(io.StringIO(raw, newline="")))
        assert sorted(row["text"] for row in table) == sorted(safe_cell(t) for t in texts)
        assert {row["reviewer"] for row in table} == {"'=evil reviewer"}
        csv_path = tmp_path / "d.csv"
        csv_path.write_bytes(raw.encode("utf-8"))
        assert sorted(d["text"] for d in read_decisions(csv_path)) == sorted(texts)
        assert not errors, errors
    finally:
        context.close()


def test_csp_blocks_injected_script(browser, page_file):
    """Even markup slipped into the page by a bug cannot run: the CSP allows only the page's own script."""
    context, page, _, _ = _open(browser, page_file)
    try:
        page.evaluate("""() => {
            const s = document.createElement('script');
            s.textContent = 'window.__pwned = 1';
            document.body.appendChild(s);
            document.getElementById('list').insertAdjacentHTML('beforeend', '<img src=x onerror="window.__pwned=1">');
        }""")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()
