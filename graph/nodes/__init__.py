"""The campaign graph's nodes, one module per node: ``intake`` and ``after_launch`` (the graph's own first and
last steps) and the agents ``planner``, ``content``, ``data``, ``governance``, ``human_review``, ``orchestrator``,
``optimizer`` and ``analytics``. A node reads the state and the run context and returns a state update."""
