"""Split a daily budget between programs to maximise expected conversions, inside per-channel limits.

The response curves are concave and the limits are per-group upper bounds on a sum, so handing out the budget in
small steps, each to the program with the largest marginal gain, is optimal (up to the step size).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from tools.optimizer.response import Curve


def allocate(
    curves: Mapping[str, Curve],
    groups: Mapping[str, str],
    group_limits: Mapping[str, float],
    total: float,
    *,
    steps: int = 400,
) -> dict[str, float]:
    """Allocate ``total`` among programs.

    Args:
        curves: Expected conversions per program as a function of its budget.
        groups: Program id -> group (channel).
        group_limits: Most each group may receive; a group not listed receives nothing.
        total: Budget to hand out.
        steps: Resolution (the budget is handed out in ``total / steps`` increments).

    Returns:
        Budget per program (every program listed; zeros included). Money is left over only when every remaining
        program has hit its group limit or gains nothing more.
    """
    budget = {pid: 0.0 for pid in curves}
    if total <= 0 or not curves:
        return budget
    step = total / steps
    remaining = dict(group_limits)
    left = total
    heap: list[tuple[float, str]] = []

    def push(pid: str) -> None:
        room = min(step, left, remaining.get(groups[pid], 0.0))
        if room <= 1e-9:
            return
        gain = curves[pid](budget[pid] + room) - curves[pid](budget[pid])
        if gain > 1e-12:
            heapq.heappush(heap, (-gain / room, pid))

    for pid in curves:
        push(pid)
    while heap and left > 1e-9:
        _, pid = heapq.heappop(heap)
        room = min(step, left, remaining.get(groups[pid], 0.0))
        if room <= 1e-9:
            continue
        budget[pid] += room
        remaining[groups[pid]] -= room
        left -= room
        push(pid)
    return budget
