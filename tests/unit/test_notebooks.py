"""The notebooks in notebooks/ are stored without outputs and run top to bottom on the starter labels."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is needed to read the notebooks (pip install '.[test]')")
nbclient = pytest.importorskip("nbclient", reason="nbclient is needed to run the notebooks (pip install '.[test]')")
pytest.importorskip("ipykernel", reason="ipykernel is needed for a python3 kernel (pip install '.[test]')")

from moderation.defaults import labels_dir  # noqa: E402
from moderation.labels import read_labels  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = ["1.0-label-exploration.ipynb", "2.0-error-analysis.ipynb"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def executed():
    if not any(labels_dir().rglob("*.csv")):
        pytest.skip(f"no label files in {labels_dir()}")
    done = {}

    def run(name):
        if name not in done:
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                             resources={"metadata": {"path": str(NOTEBOOKS)}})
            client.execute()  # raises CellExecutionError naming the failing cell
            done[name] = nb
        return done[name]

    return run


def _outputs(nb, tag: str) -> tuple[str, int]:
    """Text of the outputs of the cell tagged ``tag``, and how many PNG images it showed."""
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}"
    text, images = [], 0
    for out in cells[0].outputs:
        assert out.output_type != "error", f"cell {tag!r} failed: {out.get('ename')}: {out.get('evalue')}"
        if out.output_type == "stream":
            text.append(out.text)
        elif "data" in out:
            text.append(out.data.get("text/plain", ""))
            images += "image/png" in out.data
    return "\n".join(text), images


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_stored_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert "/work/shared" not in "".join(c.source for c in nb.cells)


def test_label_exploration_runs_and_shows_counts_tables_and_charts(executed):
    nb = executed(NAMES[0])
    threads = sorted(read_labels([labels_dir()])["thread_id"].unique())
    counts, _ = _outputs(nb, "class-counts")
    assert all(t in counts for t in threads) and "total" in counts
    table, _ = _outputs(nb, "stance-civility")
    for word in ("favor", "against", "neutral", "civil", "uncivil", "uncivil share"):
        assert word in table
    assert _outputs(nb, "class-chart")[1] == 1
    assert _outputs(nb, "length-chart")[1] == 1
    lengths, _ = _outputs(nb, "lengths")
    assert "uncivil" in lengths and "mean" in lengths
    assert "reply share" in _outputs(nb, "replies")[0]
    agreement, _ = _outputs(nb, "agreement")
    assert "kappa" in agreement or "single annotator" in agreement


def test_error_analysis_runs_and_shows_metrics_errors_and_bias_audit(executed):
    nb = executed(NAMES[1])
    split, _ = _outputs(nb, "split")
    assert "held out" in split
    per_class, _ = _outputs(nb, "stance-per-class")
    for word in ("favor", "against", "neutral", "precision", "recall"):
        assert word in per_class
    summary, _ = _outputs(nb, "summary")
    assert "macro_f1" in summary and "roc_auc" in summary
    assert _outputs(nb, "confusion")[1] == 1
    errors, _ = _outputs(nb, "civility-errors")
    assert "pushed by" in errors and "predicted" in errors
    bias, _ = _outputs(nb, "bias")
    assert "template FPR" in bias and "template_mean_p" in bias
    assert "template" in _outputs(nb, "bias-templates")[0]
    assert _outputs(nb, "bias-chart")[1] == 1
