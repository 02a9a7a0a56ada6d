"""Calibrated thresholds, kept in one place.

Fitted with `python benchmarks/accuracy.py --sweep` on benchmarks/news_dev.yaml together with the
../shared/bench dev sets; see benchmarks/RESULTS.md for the figures each setting gave.
"""

# Retrieval: how much the embedding cosine counts against rapidfuzz's token-set ratio.
FUSION_EMBEDDING_WEIGHT = 0.75
CANDIDATES = 8

# A passage is on the *same assertion* as a claim (and so may contradict it) above both of these.
ALIGN_SIMILARITY = 0.45
ALIGN_COVERAGE = 0.6
# An entity swap needs almost every other claim word in the passage.
SWAP_COVERAGE = 0.7

# Support: a blend of cosine similarity and IDF-weighted word coverage.
SUPPORT_SIMILARITY_WEIGHT = 0.5
SUPPORT_THRESHOLD = 0.68
SUPPORT_MIN_COVERAGE = 0.6
SUPPORT_MIN_SIMILARITY = 0.55

# IDF for words the corpus has never seen.
DEFAULT_IDF = 8.0
