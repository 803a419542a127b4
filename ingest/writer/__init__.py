"""The write side of the index: load kb files, chunk, embed, store a new generation, swap."""
