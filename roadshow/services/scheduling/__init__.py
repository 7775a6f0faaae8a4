"""Scheduling: the feature's domain rules, one module per job."""
