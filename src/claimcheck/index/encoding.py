"""One document's passages encoded as a job that any process can run: the unit an `Executor` spreads.

A document is encoded on its own (see `store.build_index`): its vectors are a function of its texts, the
model and the torch thread count, never of which other documents ran beside it, so a job gives the same
rows on any worker that runs it with the same threads.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EncodeJob:
    """What to encode and how."""

    model_path: str  # a checked local model folder
    threads: int  # torch threads to encode with: vectors are a function of (texts, model, threads)
    texts: tuple[str, ...]  # one document's passage texts, normalised, de-duplicated


def encode_job(job: EncodeJob) -> np.ndarray:
    """The job's vectors, one normalised float32 row per text; the model is loaded once per process."""
    from ..embed import _load, encode_padded

    if not job.texts:
        raise ValueError("an encode job holds at least one text")
    import torch

    if torch.get_num_threads() != job.threads:
        torch.set_num_threads(job.threads)
    return encode_padded(_load(job.model_path), job.texts)
