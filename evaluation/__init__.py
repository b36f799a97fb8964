"""The evaluation harness (not shipped with the app): labelled answers, spoken versions of them,
answer-level scoring of the step detector, and the real candidates' answers in ../shared. Used by
benchmarks/, scripts/train_step_model.py and the quality tests."""
