"""The eight steps heard in an answer: sentences (and clauses of unpunctuated speech), the spoken
reading past fillers and asides, the cue rules, the learned model and the detection with its
evidence (steps.py)."""
