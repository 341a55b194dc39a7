"""Analytics: the scorecard, lift statistics, autonomy recommendations and the retention policy."""
