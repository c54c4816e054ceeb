"""Use cases. Each function that changes data runs in one transaction and writes an audit event."""
