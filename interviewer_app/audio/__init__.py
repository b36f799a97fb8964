"""Audio in: decoding files, measuring levels, recording from the microphone (no Qt)."""
