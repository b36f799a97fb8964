"""One answer's feedback (answer.py: everything analysed, as a dict for JSON and storage), what
every front end tells about it (view.py), and the structure heard while it is being spoken
(live_progress.py)."""
