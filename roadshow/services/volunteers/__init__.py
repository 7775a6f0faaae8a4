"""Get involved: applications (intake), their statuses, the staff list and export, retention, demo data."""
