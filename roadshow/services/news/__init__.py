"""News: articles and editions, newsletter subscribers, sending an edition, the demo edition."""
