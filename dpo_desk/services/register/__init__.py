"""Register (VVT) use cases: entries, processors, TOMs, findings, printing."""
