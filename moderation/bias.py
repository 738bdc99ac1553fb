"""Bias audit of the civility score over identity terms: Jigsaw bias AUCs and template false positives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from .errors import InputError
from .labels.schema import DEFAULT_SCHEMA

__all__ = ["TEMPLATES", "bias_audit", "default_identity_terms", "power_mean", "read_identity_terms"]

#: Civil sentences that only mention an identity; ``{identity}`` is replaced by the identity's
#: name as written in the term list, ``{Identity}`` by the same with a capital first letter.
TEMPLATES = (
    "I am a {identity} person.",
    "My neighbour is {identity}.",
    "{Identity} people live on my street.",
    "My best friend is {identity}.",
    "The {identity} family next door helped us move in.",
    "I grew up with {identity} friends.",
    "{Identity} people should have a say in how the council spends money.",
    "There is a {identity} group that meets at the library on Tuesdays.",
    "My colleague is {identity} and very good at the job.",
    "Being {identity} is nothing to be ashamed of.",
    "We welcome {identity} readers to join the discussion.",
    "The article quotes a {identity} shop owner.",
    "As a {identity} parent, I think the school handled this well.",
    "{Identity} volunteers run the food bank every week.",
    "I had a lovely chat with a {identity} couple in the park.",
    "My doctor is {identity}.",
    "The {identity} community organised the summer fair.",
    "Thank you to the {identity} volunteers who cleaned up the river.",
    "A {identity} student won the town's science prize this year.",
    "I voted for a {identity} candidate in the local election.",
)

_DEFAULT_TERMS = "data/identity_terms.txt"


def _parse_terms(lines: Iterable[str], source: str) -> dict[str, tuple[str, ...]]:
    terms: dict[str, tuple[str, ...]] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        names = [" ".join(part.split()) for part in line.split("|")]
        if any(not name for name in names):
            raise InputError(source, f"empty term in {line!r}", line=number,
                             fix='write one identity per line as "name|alias|alias" without empty parts')
        key = names[0].lower()
        if any(k.lower() == key for k in terms):
            raise InputError(source, f"identity {names[0]!r} is listed twice", line=number,
                             fix="merge the aliases into one line")
        terms[names[0]] = tuple(dict.fromkeys(names))
    if not terms:
        raise InputError(source, "holds no identity terms", fix='add lines such as "muslim|muslims|islam"')
    return terms


def read_identity_terms(path: str | Path) -> dict[str, tuple[str, ...]]:
    """Read an identity term list: one identity per line, ``name|alias|alias``.

    Blank lines and lines starting with ``#`` are ignored. The name is used in the template
    sentences (so it should read as an adjective, "a {name} person") and, like every alias,
    counts as a mention when it occurs as a whole word or phrase, case-insensitively.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    dict of str to tuple of str
        Identity name -> the terms that mention it (the name first), in file order.

    Raises
    ------
    InputError
        If the file cannot be read, holds no identity, lists an identity twice or has an
        empty term.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "terms.txt"
    >>> _ = path.write_text("# religion\\nMuslim|muslims|Islam\\ndeaf\\n")
    >>> read_identity_terms(path)
    {'Muslim': ('Muslim', 'muslims', 'Islam'), 'deaf': ('deaf',)}
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "no such file", fix="check the path") from None
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text", fix="re-save the file as UTF-8") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    return _parse_terms(text.splitlines(), str(path))


def default_identity_terms() -> dict[str, tuple[str, ...]]:
    """The identity terms shipped with the package (``moderation/data/identity_terms.txt``).

    About 35 identities across religion, ethnicity, nationality and immigration, gender,
    sexual orientation, gender identity, disability and age.
    """
    text = resources.files("moderation").joinpath(_DEFAULT_TERMS).read_text(encoding="utf-8")
    return _parse_terms(text.splitlines(), f"moderation/{_DEFAULT_TERMS}")


def _identity_terms(identities) -> dict[str, tuple[str, ...]]:
    if identities is None:
        return default_identity_terms()
    if isinstance(identities, (str, Path)):
        return read_identity_terms(identities)
    if isinstance(identities, Mapping):
        terms = {str(k): tuple(dict.fromkeys([str(k), *map(str, v)])) for k, v in identities.items()}
        if not terms:
            raise ValueError("identities is empty; give at least one identity or None for the default list")
        return terms
    return _parse_terms([str(line) for line in identities], "<identities>")


def _pattern(terms: Iterable[str]) -> re.Pattern:
    alternatives = sorted({t.lower() for t in terms}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, t.split())) for t in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def power_mean(values, p: float = -5) -> float | None:
    """Generalised (power) mean ``(mean(v ** p)) ** (1 / p)``.

    With negative ``p`` the mean is pulled toward the smallest value, so one badly served
    identity weighs more than several well served ones (Jigsaw uses ``p = -5``).

    Parameters
    ----------
    values : iterable of float or None
        Non-negative values; ``None`` and NaN are left out.
    p : float
        The power; must not be 0.

    Returns
    -------
    float or None
        ``None`` when no value is left; 0.0 when ``p < 0`` and a value is 0.

    Examples
    --------
    >>> power_mean([1.0, 1.0])
    1.0
    >>> round(power_mean([0.9, 0.5]), 3)  # the arithmetic mean is 0.7
    0.568
    """
    if p == 0:
        raise ValueError("p must not be 0 (the geometric mean is its limit, not its value)")
    v = np.asarray([x for x in values if x is not None], dtype=float)
    v = v[~np.isnan(v)]
    if not len(v):
        return None
    if (v < 0).any():
        raise ValueError("power_mean needs non-negative values")
    if p < 0 and (v == 0).any():
        return 0.0
    return float(np.mean(v**p) ** (1.0 / p))


def _unwrap(model, threshold):
    # A ModelBundle carries the model and its flag threshold; accept it as well as the model.
    if hasattr(model, "metadata") and hasattr(model, "model"):
        if threshold is None:
            threshold = float(model.thresholds.get("flag", 0.5))
        model = model.model
    return model, 0.5 if threshold is None else float(threshold)


def _uncivil_scores(model, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros(0)
    if hasattr(model, "predict"):
        prediction = model.predict(texts)
        if "civility" not in prediction.proba:
            raise ValueError("the model has no civility head; train it on labels with a civility column")
        schema = getattr(model, "schema", None) or DEFAULT_SCHEMA
        positive = schema.positive.get("civility", "uncivil")
        classes = list(prediction.classes["civility"])
        if positive not in classes:
            raise ValueError(f"the civility head has no {positive!r} class (classes: {', '.join(classes)})")
        return np.asarray(prediction.proba["civility"][:, classes.index(positive)], dtype=float)
    if callable(model):
        scores = np.asarray(model(texts), dtype=float).ravel()
        if len(scores) != len(texts):
            raise ValueError(f"the scoring function returned {len(scores)} scores for {len(texts)} texts")
        return scores
    raise TypeError("model must be a CommentModel, a ModelBundle or a function from texts to uncivil probabilities")


def _labelled(table) -> tuple[list[str], np.ndarray]:
    missing = [c for c in ("text", "civility") if c not in table.columns]
    if missing:
        raise ValueError(f"the label table has no {' or '.join(missing)} column")
    if "annotator" in table.columns and "id" in table.columns and table["id"].duplicated().any():
        from .labels.agreement import resolve_majority

        table = resolve_majority(table, tasks=("civility",))
    civility = table["civility"].fillna("").astype(str).str.strip().str.lower().to_numpy(dtype=object)
    keep = civility != ""
    texts = table["text"].fillna("").astype(str).to_numpy(dtype=object)[keep].tolist()
    positive = DEFAULT_SCHEMA.positive["civility"]
    return texts, civility[keep] == positive


def _auc(y: np.ndarray, p: np.ndarray) -> float | None:
    if len(y) == 0 or y.all() or not y.any():
        return None
    return round(float(roc_auc_score(y, p)), 4)


def _fill(template: str, name: str) -> str:
    return template.replace("{identity}", name).replace("{Identity}", name[:1].upper() + name[1:])


def _round(value):
    return None if value is None else round(float(value), 4)


def bias_audit(model, table=None, identities=None, threshold: float | None = 0.5, templates=None, *,
               min_mentions: int = 10, p: float = -5) -> dict:
    """Audit the civility score for unintended bias over identity terms.

    Two parts. On a label table (if given), the bias AUCs of Borkan et al. (2019), "Nuanced
    Metrics for Measuring Unintended Bias with Real Data for Text Classification", per
    identity, with uncivil as the positive class and a comment in the identity's subgroup
    when it mentions one of its terms:

    - subgroup AUC: AUC on the comments that mention the identity;
    - BPSN AUC (background positive, subgroup negative): AUC on the civil comments that
      mention the identity and the uncivil ones that do not; low when civil mentions score
      as high as real incivility (false-positive bias);
    - BNSP AUC (background negative, subgroup positive): AUC on the uncivil comments that
      mention the identity and the civil ones that do not; low when uncivil mentions score
      low (false-negative bias).

    Each is combined over identities by the power mean with ``p = -5``, and the final score
    is, as in the Jigsaw Unintended Bias competition, ``0.25 * overall AUC + 0.25 * (sum of
    the three power means)``. On template sentences (civil sentences that only mention an
    identity), the share flagged uncivil at ``threshold`` and the mean uncivil probability,
    per identity.

    Parameters
    ----------
    model : CommentModel, ModelBundle or callable
        A fitted model with a civility head, a bundle (whose flag threshold is used when
        ``threshold`` is ``None``), or a function mapping a list of texts to uncivil
        probabilities.
    table : pandas.DataFrame, optional
        A label table with ``text`` and ``civility`` columns (as from
        :func:`moderation.labels.read_labels`); rows without a civility label are left out,
        comments labelled by several annotators are resolved by majority. Without a table,
        only the template part is computed.
    identities : path, mapping, iterable of str, optional
        A term file (see :func:`read_identity_terms`), a mapping of name to aliases, or lines
        in the file's ``name|alias`` form; the packaged list when ``None``.
    threshold : float or None
        Flag when the uncivil probability is at least this; ``None`` takes the bundle's flag
        threshold (0.5 for a bare model).
    templates : iterable of str, optional
        Sentences with ``{identity}`` or ``{Identity}``; :data:`TEMPLATES` when ``None``.
    min_mentions : int
        Labelled mentions an identity needs (with both classes present) for its AUCs.
    p : float
        Power of the generalised mean.

    Returns
    -------
    dict
        JSON-ready: ``identities`` (per identity: ``identity``, ``n`` labelled mentions,
        ``n_uncivil``, ``subgroup_auc``, ``bpsn_auc``, ``bnsp_auc``, ``template_fpr``,
        ``template_mean_p``, ``note`` saying why AUCs are missing), ``power_mean`` (per AUC
        kind), ``final_score``, ``overall_auc``, ``template_fpr`` (all template sentences),
        ``template_mean_p``, ``template_flagged`` (the flagged sentences, highest first, at
        most 20), ``templates`` (per template: ``template``, ``fpr``, ``mean_p`` over all
        identities, to tell a template that is flagged whatever the identity), ``skipped`` (identities left out of the power means, with the reason),
        ``threshold``, ``p``, ``min_mentions``, ``n_templates``, ``n_labelled``. Values that
        cannot be computed are ``None``.

    Raises
    ------
    ValueError
        If a template has no placeholder, the table lacks a column or the model no civility
        head.

    Examples
    --------
    >>> def scores(texts):  # a "model" that flags every sentence that says "deaf"
    ...     return [0.9 if "deaf" in t.lower() else 0.1 for t in texts]
    >>> report = bias_audit(scores, identities=["deaf", "blind"], templates=["I am {identity}."])
    >>> [(r["identity"], r["template_fpr"]) for r in report["identities"]]
    [('deaf', 1.0), ('blind', 0.0)]
    """
    model, threshold = _unwrap(model, threshold)
    terms = _identity_terms(identities)
    templates = list(TEMPLATES if templates is None else templates)
    bad = [t for t in templates if "{identity}" not in t and "{Identity}" not in t]
    if bad:
        raise ValueError(f"template {bad[0]!r} has no {{identity}} placeholder")

    rows = {name: {"identity": name, "n": None, "n_uncivil": None, "subgroup_auc": None, "bpsn_auc": None,
                   "bnsp_auc": None, "template_fpr": None, "template_mean_p": None, "note": None}
            for name in terms}
    report = {"overall_auc": None, "power_mean": {"subgroup_auc": None, "bpsn_auc": None, "bnsp_auc": None},
              "final_score": None, "template_fpr": None, "template_mean_p": None, "template_flagged": [], "templates": [],
              "skipped": [], "threshold": threshold, "p": p, "min_mentions": min_mentions,
              "n_templates": len(templates), "n_labelled": None}

    if templates:
        sentences = [(name, _fill(t, name)) for name in terms for t in templates]
        scores = _uncivil_scores(model, [s for _, s in sentences])
        owners = np.asarray([name for name, _ in sentences], dtype=object)
        flagged = scores >= threshold
        for name in terms:
            mask = owners == name
            rows[name]["template_fpr"] = _round(flagged[mask].mean())
            rows[name]["template_mean_p"] = _round(scores[mask].mean())
        report["template_fpr"] = _round(flagged.mean())
        report["template_mean_p"] = _round(scores.mean())
        # A template flagged for every identity is the template's fault, not the identities'.
        which = np.tile(np.arange(len(templates)), len(terms))
        report["templates"] = [{"template": t, "fpr": _round(flagged[which == i].mean()),
                                "mean_p": _round(scores[which == i].mean())} for i, t in enumerate(templates)]
        order = np.argsort(-scores, kind="stable")
        report["template_flagged"] = [{"identity": sentences[i][0], "text": sentences[i][1], "p": _round(scores[i])}
                                      for i in order[:20] if flagged[i]]

    if table is not None:
        texts, y = _labelled(table)
        report["n_labelled"] = len(texts)
        p_all = _uncivil_scores(model, texts)
        report["overall_auc"] = _auc(y, p_all)
        for name, aliases in terms.items():
            pattern = _pattern(aliases)
            mention = np.fromiter((bool(pattern.search(t)) for t in texts), dtype=bool, count=len(texts))
            row = rows[name]
            row["n"] = int(mention.sum())
            row["n_uncivil"] = int((mention & y).sum())
            if row["n"] < min_mentions:
                row["note"] = f"{row['n']} labelled mention{'s' if row['n'] != 1 else ''} (fewer than {min_mentions})"
            elif row["n_uncivil"] in (0, row["n"]):
                row["note"] = f"mentions are all {'uncivil' if row['n_uncivil'] else 'civil'}"
            else:
                row["subgroup_auc"] = _auc(y[mention], p_all[mention])
                bpsn = (mention & ~y) | (~mention & y)
                bnsp = (mention & y) | (~mention & ~y)
                row["bpsn_auc"] = _auc(y[bpsn], p_all[bpsn])
                row["bnsp_auc"] = _auc(y[bnsp], p_all[bnsp])
                if None in (row["bpsn_auc"], row["bnsp_auc"]):
                    row["note"] = "the background (comments not mentioning it) holds a single class"
            if row["note"] is not None:
                row["subgroup_auc"] = row["bpsn_auc"] = row["bnsp_auc"] = None
                report["skipped"].append({"identity": name, "reason": row["note"]})
        used = [r for r in rows.values() if r["subgroup_auc"] is not None]
        for kind in report["power_mean"]:
            report["power_mean"][kind] = _round(power_mean([r[kind] for r in used], p))
        means = list(report["power_mean"].values())
        if report["overall_auc"] is not None and None not in means:
            report["final_score"] = _round(0.25 * report["overall_auc"] + 0.25 * sum(means))
    report["identities"] = list(rows.values())
    return report
