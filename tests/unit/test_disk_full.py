"""A full disk while saving: a clear message, nothing half-written, nothing already kept lost.
Uses a real tiny filesystem (tmpfs), which needs root to mount (CI and the dev machines are root)."""


import numpy as np
import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.errors import StorageError
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.fixtures.disks import mounted_tmpfs
from tests.unit.timed import timed_transcript


@pytest.fixture
def tiny_disk(tmp_path):
    yield from mounted_tmpfs(tmp_path / "tiny", "192k")


def test_audio_that_does_not_fit_is_a_clear_error_and_leaves_no_partial_file(tiny_disk):
    store = AttemptStore(open_database(tiny_disk / "db.sqlite3"), tiny_disk / "recordings")
    kept = store.save(analyze(timed_transcript([("The goal is retention.", 0)])))
    noise = np.random.default_rng(0).uniform(-0.5, 0.5, 16000 * 30).astype(np.float32)
    with pytest.raises(StorageError, match="is full; free some space"):
        store.save(analyze(timed_transcript([("We could add templates.", 0)])), samples=noise)
    assert list((tiny_disk / "recordings").iterdir()) == []
    assert [r.id for r in query(store)] == [kept]


def test_a_database_that_cannot_grow_is_a_clear_error(tiny_disk):
    store = AttemptStore(open_database(tiny_disk / "db.sqlite3"), tiny_disk / "recordings")
    long_answer = timed_transcript([(" ".join(["the goal is retention and we could add templates"] * 40), 0)])
    with pytest.raises(StorageError, match="disk holding .* is full"):
        for _ in range(200):
            store.save(analyze(long_answer))
    assert query(store)  # what was saved before the disk filled is still there
