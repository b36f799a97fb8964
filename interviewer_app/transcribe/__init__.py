"""Local speech-to-text with faster-whisper (no Qt, no network in the default path)."""
