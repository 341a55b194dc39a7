"""The chaos suite: crash points, provider faults, adversarial inputs, concurrency and outbound connections.

Each category is a module exposing ``run(quick: bool) -> list[Figure]``; ``python -m evals.chaos`` (``make chaos``)
prints every figure, and a CI-sized subset runs as ordinary pytest tests under ``tests/chaos``.
"""
