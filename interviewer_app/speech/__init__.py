"""Speech output: reading interview prompts aloud (Qt text-to-speech, espeak-ng as a fallback)."""
