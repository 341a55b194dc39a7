"""Review logic used by the governance and human-review nodes: ``decisions`` (parse a reviewer's decision),
``asset_versions`` (who changed which copy), ``convergence`` (is the review loop getting anywhere), ``autonomy``
(what runs without a human) and ``launch_card`` (what a launch approval covers)."""
