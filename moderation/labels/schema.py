"""The label schema: which tasks exist and which classes each one has."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LABEL_COLUMNS", "REQUIRED_COLUMNS", "LabelSchema", "DEFAULT_SCHEMA"]

#: Columns of a label file, in the order the project writes them.
LABEL_COLUMNS = ["id", "thread_id", "parent_id", "target", "text", "stance", "civility", "annotator"]

#: Columns a label file must have; the others are optional.
REQUIRED_COLUMNS = ["id", "thread_id", "text"]


@dataclass(frozen=True)
class LabelSchema:
    """Tasks and their classes.

    Parameters
    ----------
    tasks : dict of str to tuple of str
        Task name -> its classes, in a fixed order.
    positive : dict of str to str
        For binary tasks, the class whose probability is reported and flagged
        (``"uncivil"`` for civility).

    Examples
    --------
    >>> schema = LabelSchema()
    >>> schema.classes("stance")
    ('favor', 'against', 'neutral')
    >>> schema.extend("topic", ("sports", "politics")).tasks["topic"]
    ('sports', 'politics')
    """

    tasks: dict = field(default_factory=lambda: {
        "stance": ("favor", "against", "neutral"),
        "civility": ("civil", "uncivil"),
    })
    positive: dict = field(default_factory=lambda: {"civility": "uncivil"})

    def classes(self, task: str) -> tuple[str, ...]:
        """Return the classes of ``task``; raise ``KeyError`` naming the known tasks."""
        try:
            return tuple(self.tasks[task])
        except KeyError:
            raise KeyError(f"unknown task {task!r}; known tasks: {', '.join(self.tasks)}") from None

    def extend(self, task: str, classes: tuple[str, ...], positive: str | None = None) -> LabelSchema:
        """Return a new schema with one more task (or a task's classes replaced)."""
        if len(set(classes)) != len(classes) or len(classes) < 2:
            raise ValueError("a task needs at least two distinct classes")
        tasks = dict(self.tasks)
        tasks[task] = tuple(classes)
        pos = dict(self.positive)
        if positive is not None:
            if positive not in classes:
                raise ValueError(f"positive class {positive!r} is not one of {classes}")
            pos[task] = positive
        return LabelSchema(tasks=tasks, positive=pos)

    def share_column(self, task: str) -> str | None:
        """The optional column holding the share of raters who chose ``task``'s positive class.

        ``"uncivil_share"`` for civility: a number in [0, 1] (0.33 when one rater in three
        found the comment uncivil), trained on as a soft label. ``None`` for tasks without a
        positive class.

        Examples
        --------
        >>> LabelSchema().share_column("civility"), LabelSchema().share_column("stance")
        ('uncivil_share', None)
        """
        positive = self.positive.get(task)
        return f"{positive}_share" if positive is not None and len(self.classes(task)) == 2 else None

    def binary_classes(self, task: str) -> tuple[str, str]:
        """``(negative, positive)`` of a two-class task with a positive class.

        Raises
        ------
        ValueError
            If ``task`` has more than two classes or no positive class.
        """
        classes = self.classes(task)
        positive = self.positive.get(task)
        if positive is None or len(classes) != 2:
            raise ValueError(f"{task} is not a two-class task with a positive class: {classes}")
        return next(c for c in classes if c != positive), positive

    def share_columns(self) -> dict[str, str]:
        """Task -> its share column, for the tasks that have one."""
        return {t: c for t in self.tasks if (c := self.share_column(t)) is not None}

    def to_dict(self) -> dict:
        """Return a JSON-ready form (stored in model metadata)."""
        return {"tasks": {k: list(v) for k, v in self.tasks.items()}, "positive": dict(self.positive)}

    @classmethod
    def from_dict(cls, data: dict) -> LabelSchema:
        """Inverse of :meth:`to_dict`."""
        return cls(tasks={k: tuple(v) for k, v in data["tasks"].items()}, positive=dict(data.get("positive", {})))


DEFAULT_SCHEMA = LabelSchema()
