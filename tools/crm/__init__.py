"""The embedded CRM behind the Data agent: store, data dictionary, synthetic seed, segments, exports.

Modules: ``store`` (CRMStore), ``dictionary`` (DATA_DICTIONARY), ``consent`` (rules per region and channel),
``seed`` (reproducible synthetic data), ``filters`` and ``segments`` (build_segment -> TargetList of counts),
``holdout`` (the control draw), ``export`` (export_list), ``agent_tool`` (make_segment_tool). See DATA_DICTIONARY.md.
"""
