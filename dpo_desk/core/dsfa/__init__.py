"""Impact assessment rules: risk scales and matrix, scenario checks, threshold."""
