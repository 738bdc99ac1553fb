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

    def to_dict(self) -> dict:
        """Return a JSON-ready form (stored in model metadata)."""
        return {"tasks": {k: list(v) for k, v in self.tasks.items()}, "positive": dict(self.positive)}

    @classmethod
    def from_dict(cls, data: dict) -> LabelSchema:
        """Inverse of :meth:`to_dict`."""
        return cls(tasks={k: tuple(v) for k, v in data["tasks"].items()}, positive=dict(data.get("positive", {})))


DEFAULT_SCHEMA = LabelSchema()
