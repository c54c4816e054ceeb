"""Impact assessment use cases: thresholds, assessments, scenarios, matrix."""
