"""Optional stance signal from a local NLI cross-encoder (a sentence-transformers CrossEncoder folder)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .embed import offline_environment
from .errors import ClaimcheckError


@dataclass(frozen=True)
class Entailment:
    """Probabilities that a passage entails, contradicts or is neutral to a claim."""

    entailment: float
    contradiction: float
    neutral: float


def _label_indices(path: Path) -> dict[str, int]:
    """Which output is entailment, contradiction and neutral, read from the model's `id2label`."""
    config_file = path / "config.json"
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError covers bad JSON and text that is not UTF-8
        raise ClaimcheckError(f"not a cross-encoder folder: {exc}", str(config_file)) from None
    labels = config.get("id2label") if isinstance(config, dict) else None
    found: dict[str, int] = {}
    for index, label in labels.items() if isinstance(labels, dict) else ():
        name = str(label).lower()
        for kind in ("entail", "contradict", "neutral"):
            if name.startswith(kind) and str(index).lstrip("-").isdigit():
                found[kind] = int(index)
    if set(found) != {"entail", "contradict", "neutral"}:
        raise ClaimcheckError("the NLI model's id2label must name entailment, contradiction and neutral", str(path / "config.json"))
    return found


class NLIScorer:
    """Scores (claim, passage) pairs with a local cross-encoder; the model loads on first use."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        if not (self.path / "config.json").is_file():
            raise ClaimcheckError("not a local cross-encoder folder (no config.json)", str(self.path))
        self.labels = _label_indices(self.path)

    def score(self, pairs: list[tuple[str, str]]) -> list[Entailment]:
        """Entailment probabilities for each (claim, passage) pair, in one batch."""
        if not pairs:
            return []
        # The passage is the premise and the claim the hypothesis.
        rows = _load(str(self.path)).predict([(passage, claim) for claim, passage in pairs], apply_softmax=True, show_progress_bar=False)
        return [Entailment(float(row[self.labels["entail"]]), float(row[self.labels["contradict"]]), float(row[self.labels["neutral"]])) for row in rows]


@lru_cache(maxsize=2)
def _load(path: str):  # type: ignore[no-untyped-def]
    offline_environment()
    try:
        from sentence_transformers import CrossEncoder

        return CrossEncoder(path, device="cpu")
    except Exception as exc:
        raise ClaimcheckError(f"cannot load the NLI model: {exc}".splitlines()[0], path) from None
