"""The read side of the index: hybrid retrieval (dense + BM25) and the not-found decision."""
