"""You said, we did: findings and responses per period, publishing them (`findings`), and demo data."""
