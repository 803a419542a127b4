"""Evaluation: the golden sets scored, retrieval (dense, BM25, hybrid) and answers (the Bot)."""
