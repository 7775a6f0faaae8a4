"""Operations: backup and restore, request logs, benchmark data. No pages of its own."""
