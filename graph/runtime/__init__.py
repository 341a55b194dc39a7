"""What drives the campaign graph: settings, services, the runner and its checkpoints, the live worker, the
LangGraph-server client, access and preferences, and the scheduler that starts recurring cycles. The graph's
nodes do not import this package's drivers; the CLI, the app's view-models and the app do."""
