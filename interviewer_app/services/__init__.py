"""Application services shared by the desktop app and the CLI (no Qt): the context that owns the
long-lived parts (pipeline), one spoken answer from microphone to stored feedback
(answer_session), and the replay of a recording as if spoken live (live_replay)."""
