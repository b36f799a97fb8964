"""Qt-free core: data models, paths, errors, clock, the 8 steps, prompts and budgets."""
