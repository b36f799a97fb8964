"""Qt-free core: data models, paths, errors, the 8 steps, the rubric, prompts and budgets."""
