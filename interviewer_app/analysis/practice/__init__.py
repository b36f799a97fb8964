"""What to practise next, from what is already measured (issue 24)."""
