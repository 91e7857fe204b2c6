"""Prefect flows: wiring only. Parameters and schedules live in prefect.yaml."""
