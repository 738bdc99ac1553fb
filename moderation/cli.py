"""The ``moderation`` command line: thin commands over the library API."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ModerationError

__all__ = ["main"]


def _friendly(func):
    """Turn the library's user-facing errors into one-line messages with exit status 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ModerationError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted; rerun the same command to continue where it stopped", err=True)
            sys.exit(130)

    return wrapper


def _say(message: str) -> None:
    click.echo(message, err=True)


def _bar(total: int | None, desc: str, unit: str = " comments"):
    from tqdm import tqdm

    # tqdm hides itself when stderr is not a terminal, so logs and CI stay quiet.
    return tqdm(total=total, desc=desc, unit=unit, disable=None, file=sys.stderr, leave=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="moderation")
def main():
    """Separate reader comments from articles, label their stance and civility, and review them.

    \b
    Typical day:
      moderation parse page.html -o threads.jsonl      # article + comments, as JSON Lines
      moderation score examples/ -o scored.jsonl --report review.html
      moderation train labels/ -o models/mine          # your own labels -> a model
      moderation evaluate models/mine my-test-labels.csv --json metrics.json

    Run any command with --help for its options and an example.
    """


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True), default="-",
              show_default=True,
              help="Where to write: threads as JSON Lines (.jsonl, or '-' for standard output), or one row "
                   "per comment with its thread's title, date and source (.csv, .parquet).")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "wxr", "disqus", "isso-json", "jsonl"]),
              default="auto", show_default=True, help="Input format; 'auto' detects it from the content.")
@click.option("--on-error", type=click.Choice(["fail", "skip"]), default="fail", show_default=True,
              help="An unreadable file (empty, binary, malformed): stop, or report it and go on.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@_friendly
def parse(pages, output, fmt, on_error, force):
    """Split PAGES into article and reader comments, one JSON object per thread.

    PAGES are saved web pages (.html), text copied from a page (.txt), comment exports
    (WordPress WXR, Disqus XML) or thread JSON Lines; folders and globs are expanded.
    A comment frame (Disqus, Facebook) saved with the page is read with it: from the
    Page_files folder a browser writes beside Page.html, or from a single-file saver's
    srcdoc. Each output line has the title, the article, the comments (text, author,
    published, parent, position) and the source.

    \b
    Example:
      moderation parse examples/harbor-ferry-fares.txt -o threads.jsonl
      moderation parse saved-pages/ -o threads.jsonl --on-error skip
      moderation parse saved-pages/ -o comments.csv      # a table, one row per comment
    """
    from ._io import check_writable
    from .api import parse as parse_pages
    from .errors import InputError
    from .scoring import expand_inputs
    from .threads import write_comment_table, write_threads_jsonl

    table = str(output) != "-" and output.suffix.lower() in (".csv", ".parquet")
    if str(output) != "-":
        if not table and output.suffix.lower() not in (".jsonl", ".json", ".ndjson", ""):
            raise InputError(output, f"is not an output type parse writes ({output.suffix})",
                             fix="end the name in .jsonl (threads), .csv or .parquet (one row per comment)")
        check_writable(output, force)  # before the work, not after it
    files = expand_inputs([str(p) for p in pages])
    errors: list[str] = []
    with _bar(len(files), "parsing", unit=" files") as bar:
        threads = parse_pages(files, format=fmt, on_error=on_error, errors=errors, progress=bar.update)
    for message in errors:
        _say(f"skipped: {message}")
    if str(output) == "-":
        for thread in threads:
            click.echo(json.dumps(thread.to_dict(), ensure_ascii=False))
    elif table:
        write_comment_table(threads, output)
    else:
        write_threads_jsonl(threads, output)
    comments = sum(len(t.comments) for t in threads)
    _say(f"parsed {len(threads)} thread(s), {comments} comment(s)" + ("" if str(output) == "-" else f" -> {output}"))
    if errors:
        _say(f"{len(errors)} file(s) skipped, listed above")


@main.command()
@click.argument("labels", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Model directory to create, e.g. models/mine.")
@click.option("--quick", is_flag=True, help="Skip the hyperparameter search (one good default setting).")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20),
              help="Cross-validation folds, grouped by thread.")
@click.option("--cv", type=click.Choice(["group", "stratified"]), default="group", show_default=True,
              help="'group': no thread on both sides of a split; 'stratified': split rows by class "
                   "(for corpora whose threads are whole stance targets, like SemEval).")
@click.option("--min-target-samples", default=150, show_default=True, type=click.IntRange(0),
              help="Labels a stance target needs for a head of its own (0: one joint head).")
@click.option("-j", "--jobs", default=1, show_default=True, type=int, help="Folds fitted in parallel (-1: every core).")
@click.option("--force", is_flag=True, help="Replace the model directory if it exists.")
@_friendly
def train(labels, output, quick, folds, cv, min_target_samples, jobs, force):
    """Train stance and civility models from LABELS (CSV files or folders of them).

    Settings (n-gram ranges, min_df, C, class weights) are chosen by cross-validation
    grouped by thread, so no thread is on both sides of a split. The model directory holds
    the estimator (skops format: loading it cannot run code), metadata.json with the chosen
    settings, CV metrics and flag threshold, and a model card README.md.

    \b
    Example:
      moderation train labels/ -o models/mine
      moderation train semeval.csv -o models/semeval --cv stratified --min-target-samples 50
    """
    from .api import train_model

    bundle = train_model([str(p) for p in labels], output, quick=quick, folds=folds, cv=cv,
                         min_target_samples=min_target_samples, n_jobs=jobs, overwrite=force, progress=_say)
    cv = bundle.metadata.get("cv_metrics", {})
    for task, m in cv.items():
        figures = ", ".join(f"{k} {m[k]:.3f}" for k in ("f_avg", "macro_f1", "roc_auc") if k in m)
        _say(f"{task}: cross-validated {figures}")
    _say(f"model written to {output}")


def _print_metrics(metrics: dict) -> None:
    for task in ("stance", "civility"):
        if task not in metrics:
            continue
        m = metrics[task]
        click.echo(f"\n{task} (n={m['n']})")
        click.echo(f"  {'class':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
        for name, c in m["per_class"].items():
            click.echo(f"  {name:<10} {c['precision']:>9.3f} {c['recall']:>7.3f} {c['f1']:>6.3f} {c['support']:>8}")
        extras = [f"macro-F1 {m['macro_f1']:.3f}"]
        for key, label in (("f_avg", "F_avg"), ("roc_auc", "ROC AUC"), ("average_precision", "AP"), ("ece", "ECE")):
            if key in m:
                extras.append(f"{label} {m[key]:.3f}")
        click.echo("  " + ", ".join(extras))
    if "bias" in metrics:
        b = metrics["bias"]
        used = len(b["identities"]) - len(b["skipped"])
        score = "n/a" if b["final_score"] is None else f"{b['final_score']:.3f}"
        click.echo(f"\nbias audit: final score {score} ({used} of {len(b['identities'])} identities with enough "
                   f"mentions); template false-positive rate {b['template_fpr']:.3f} at threshold {b['threshold']:.2f}")


@main.command()
@click.argument("model", type=click.Path(path_type=Path))
@click.argument("labels", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write all metrics as JSON (one object per task: 'stance', 'civility').")
@click.option("--plots", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for PNG plots: confusion matrices, reliability diagram, precision-recall curve.")
@click.option("--identities", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Identity terms for the bias audit, one per line as 'name|alias|alias' (default: the packaged list).")
@_friendly
def evaluate(model, labels, json_path, plots, identities):
    """Evaluate MODEL on LABELS: per-class precision/recall/F1, macro-F1, stance F_avg, civility AUC.

    F_avg is the mean F1 of favor and against (the SemEval-2016 stance metric). Civility also
    gets calibration (ECE), a threshold table and a bias audit over identity terms (subgroup,
    BPSN and BNSP AUC, and false positives on civil template sentences). Use labels the model
    was not trained on.

    \b
    Example:
      moderation evaluate models/mine heldout.csv --json metrics.json --plots plots/
    """
    from .api import evaluate_model

    metrics = evaluate_model(model, [str(p) for p in labels], json_path=json_path, plots=plots, identities=identities)
    _print_metrics(metrics)
    if json_path:
        _say(f"metrics written to {json_path}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-m", "--model", type=click.Path(path_type=Path),
              help="Model directory; default: the model trained from the bundled labels/ (built on first use).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Scored comments: .jsonl, .csv or .parquet.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the review page (one self-contained HTML file) for flagged comments.")
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path),
              help="Per-thread summary CSV (default: OUTPUT with .threads.csv).")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Flag at this uncivil probability (default: the model's).")
@click.option("--review-threshold", type=click.FloatRange(0, 1),
              help="Lower edge of the 'needs review' band (default: the model's).")
@click.option("--target", help="Stance target for every comment (default: the thread's, or the nearest known one).")
@click.option("--block-terms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File of words/phrases (one per line) that always flag a comment.")
@click.option("--allow-terms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File of words/phrases acceptable here; masked before scoring.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "wxr", "disqus", "isso-json", "jsonl"]),
              default="auto", show_default=True, help="Page format; 'auto' detects it.")
@click.option("--on-error", type=click.Choice(["fail", "skip"]), default="fail", show_default=True,
              help="A malformed row or unreadable page: stop, or report it and go on.")
@click.option("--chunk-size", default=2000, show_default=True, type=click.IntRange(1),
              help="Comments per step; memory is bounded by it.")
@click.option("-j", "--jobs", default=1, show_default=True, type=int,
              help="Processes for local scoring (-1: every core).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="'dask' scores on a Dask cluster; OUTPUT is then a folder of partitions.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--part-format", type=click.Choice(["parquet", "jsonl"]), default="parquet", show_default=True,
              help="Partition format with --engine dask.")
@click.option("--report-limit", default=5000, show_default=True, type=click.IntRange(0),
              help="Most urgent flagged comments kept for the review page.")
@click.option("--restart", is_flag=True, help="Ignore the work file of an interrupted run and start again.")
@click.option("--force", is_flag=True, help="Replace OUTPUT (and the summary) if they exist.")
@_friendly
def score(inputs, model, output, report, summary, threshold, review_threshold, target, block_terms, allow_terms,
          fmt, on_error, chunk_size, jobs, engine, scheduler, part_format, report_limit, restart, force):
    """Label every comment in INPUTS for stance and civility and flag the ones a person should see.

    INPUTS are pages, exports, thread JSON Lines or CSV/Parquet tables of comments (column
    'text', optionally id, thread_id, thread_title, target), folders, globs, or '-' for
    standard input. A comment is flagged when its uncivil probability reaches the threshold,
    marked 'review' in the uncertain band below it, and each flag lists the n-grams that
    drove it. An interrupted run continues where it stopped when rerun.

    \b
    Example:
      moderation score examples/ -o scored.csv --report review.html
      moderation score archive/*.jsonl -o parts/ --engine dask --scheduler tcp://host:8786
    """
    from .api import get_model, write_report
    from .scoring import FlagPolicy, read_terms, score_to_file, write_thread_summary

    bundle = get_model(model, progress=_say)
    t = bundle.thresholds
    flag_at = threshold if threshold is not None else t.get("flag", 0.5)
    review_at = review_threshold if review_threshold is not None else min(t.get("review", 0.3), flag_at)
    if review_at > flag_at:
        raise click.BadParameter(f"{review_at} is above the flag threshold {flag_at}", param_hint="--review-threshold")
    policy = FlagPolicy(threshold=flag_at, review=review_at,
                        block_terms=read_terms(block_terms) if block_terms else [],
                        allow_terms=read_terms(allow_terms) if allow_terms else [])
    if engine == "dask":
        summary_path = summary or output / "threads.csv"
    else:
        summary_path = summary or output.with_name(output.stem + ".threads.csv")
    for path in (summary_path, report):
        if path is not None and path.exists() and not force:
            raise click.ClickException(f"{path}: already exists (pass --force to replace it, or choose another name)")
    with _bar(None, "scoring") as bar:
        if engine == "dask":
            from .engines import score_with_dask

            result, flagged = score_with_dask(inputs, bundle, output, scheduler=scheduler, policy=policy, target=target,
                                              format=fmt, partition_size=max(chunk_size, 1000), part_format=part_format,
                                              on_error=on_error, overwrite=force, report_limit=report_limit,
                                              progress=bar.update)
        else:
            result, flagged = score_to_file(inputs, bundle, output, policy=policy, target=target, format=fmt,
                                            chunk_size=chunk_size, on_error=on_error, resume=not restart,
                                            overwrite=force, progress=bar.update, report_limit=report_limit,
                                            n_jobs=jobs)
    write_thread_summary(result, summary_path)
    for message in result.errors:
        _say(f"skipped: {message}")
    if report:
        write_report(result, flagged, bundle, report)
    resumed = f" (continued after {result.resumed_from})" if result.resumed_from else ""
    _say(f"scored {result.comments} comment(s) in {len(result.threads)} thread(s){resumed}: "
         f"{result.flagged} flagged, {result.review} to review -> {output}, {summary_path}"
         + (f", {report}" if report else ""))
    if result.errors:
        _say(f"{len(result.errors)} item(s) skipped, listed above")


@main.group()
def labels():
    """Check label files and import labels from other tools and public corpora."""


@labels.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_friendly
def labels_check(files):
    """Validate label FILES and report class counts and annotator agreement.

    \b
    Example:
      moderation labels check labels/
    """
    from .labels import read_labels

    table = read_labels([str(f) for f in files])
    click.echo(f"{len(table)} rows, {table['id'].nunique()} comments, {table['thread_id'].nunique()} threads, "
               f"{table['source'].nunique()} file(s)")
    for task in ("stance", "civility"):
        counts = table[task][table[task] != ""].value_counts()
        click.echo(f"{task}: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f" (unlabelled {int((table[task] == '').sum())})")
    if "uncivil_share" in table.columns and (table["uncivil_share"] != "").any():
        click.echo(f"uncivil_share (soft labels): given on {int((table['uncivil_share'] != '').sum())} rows")
    annotators = table["annotator"].replace("", "(none)").nunique()
    if annotators > 1 and table["id"].duplicated().any():
        from .labels.agreement import agreement

        for task in ("stance", "civility"):
            a = agreement(table, task)
            click.echo(f"{task} agreement: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                                         for k, v in a.items()))


@labels.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "fmt", required=True, help="Source format: label-studio, prodigy, doccano, argilla, "
              "semeval2016, vast, c3, davidson, olid, impermium.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Label CSV to write.")
@click.option("--option", "options", multiple=True, metavar="KEY=VALUE",
              help="Importer option, e.g. toxicity_threshold=2.5 for c3 (repeatable).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@_friendly
def labels_import(file, fmt, output, options, force):
    """Convert FILE from a labelling tool or public corpus into the project's label CSV.

    \b
    Example:
      moderation labels import train.tsv --from semeval2016 -o semeval.csv
    """
    from .labels import write_labels
    from .labels.importers import IMPORTERS, import_labels

    if fmt not in IMPORTERS:
        raise click.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(sorted(IMPORTERS))}",
                                 param_hint="--from")
    kwargs = {}
    for item in options:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--option")
        try:
            kwargs[key] = json.loads(value)
        except ValueError:
            kwargs[key] = value
    table = import_labels(file, fmt, **kwargs)
    write_labels(table, output, overwrite=force)
    _say(f"imported {len(table)} rows from {file} -> {output}")


@main.group()
def review():
    """Turn moderators' decisions from the review page into labels."""


@review.command("import")
@click.argument("decisions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Label CSV to write, e.g. labels/reviewed.csv.")
@click.option("--labels", "existing", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Existing label files to check for conflicts (default: the bundled labels/).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@_friendly
def review_import(decisions, output, existing, force):
    """Turn exported review DECISIONS (JSON or CSV) into labels, reporting conflicts.

    Each decision becomes a label row with the reviewer as annotator. Where a comment already
    has a different label from someone else, the conflict is listed; nothing is overwritten.

    \b
    Example:
      moderation review import decisions.json -o labels/reviewed.csv
    """
    from .defaults import labels_dir
    from .labels import read_labels, write_labels
    from .labels.decisions import decisions_to_labels, read_decisions

    rows = read_decisions(decisions)
    sources = [str(p) for p in existing] or ([str(labels_dir())] if labels_dir().is_dir() else [])
    current = read_labels(sources) if sources else None
    table, conflicts = decisions_to_labels(rows, current)
    write_labels(table, output, overwrite=force)
    for c in conflicts:
        _say(f"conflict: {c['id']} ({c['other_source']}): {c['reason']}; "
             + ("added anyway" if c["added"] else "not added, existing label kept"))
    _say(f"{len(table)} label row(s) from {len(rows)} decision(s) -> {output}; {len(conflicts)} conflict(s)")


if __name__ == "__main__":  # pragma: no cover
    main()
