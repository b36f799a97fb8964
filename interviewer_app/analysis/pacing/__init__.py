"""How an answer was paced: speaking time, words per minute, think time, pauses, fillers and time
against its budget."""
