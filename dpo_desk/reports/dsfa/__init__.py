"""The impact assessment report and its risk matrices."""
