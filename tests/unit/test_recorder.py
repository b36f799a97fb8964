"""The recorder's disk safety with stand-in devices for what a test machine cannot do on demand:
a microphone that disappears mid-answer, one that cannot be opened, and a crash mid-recording."""

import json
import threading

import numpy as np
import pytest
import soundfile as sf

from interviewer_app.audio.recorder import Recorder, finalize, recover_partial_recordings
from interviewer_app.core.errors import AudioError


class VanishingDevice:
    """A sounddevice stand-in whose stream delivers `blocks` blocks of a tone, then dies the way
    an unplugged USB microphone does: the stream ends and `active` turns False."""

    def __init__(self, blocks: int):
        self.blocks = blocks
        self.delivered = threading.Event()

    def InputStream(self, samplerate, channels, dtype, device, blocksize, callback, finished_callback):
        fake = self

        class Stream:
            active = False

            def start(self):
                self.active = True
                threading.Thread(target=self._run, daemon=True).start()

            def _run(self):
                t = np.arange(blocksize) / samplerate
                for i in range(fake.blocks):
                    block = (0.3 * np.sin(2 * np.pi * 440 * (t + i * blocksize / samplerate))).astype(np.float32)
                    callback(block.reshape(-1, 1), blocksize, None, None)
                self.active = False
                finished_callback()
                fake.delivered.set()

            def stop(self):
                raise RuntimeError("device unavailable")  # PortAudio complains about a gone device

            def close(self):
                pass

        return Stream()


class NoDevice:
    def InputStream(self, **kwargs):
        raise RuntimeError("Error querying device -1")


def test_unplugged_mid_answer_keeps_everything_recorded(tmp_path):
    device = VanishingDevice(blocks=40)  # 40 x 50 ms = 2 s
    recorder = Recorder(tmp_path, sd=device)
    recorder.start()
    assert device.delivered.wait(10)
    status = recorder.status()
    assert status.error and "stopped delivering audio" in status.error and not status.recording
    recording = recorder.stop()
    assert recording.interrupted and recording.seconds == pytest.approx(2.0)
    audio, rate = sf.read(recording.path)
    assert rate == 16000 and len(audio) == 32000
    assert np.sqrt(np.mean(audio ** 2)) == pytest.approx(0.3 / np.sqrt(2), rel=0.02)
    assert list(tmp_path.glob("*.pcm")) == []  # the raw file went only after the FLAC was made


def test_no_microphone_is_a_clear_error_and_leaves_nothing(tmp_path):
    with pytest.raises(AudioError, match="cannot open the microphone .*analyze an audio file instead"):
        Recorder(tmp_path, sd=NoDevice()).start()
    assert list(tmp_path.iterdir()) == []


def test_a_recording_left_by_a_crash_is_recovered(tmp_path):
    raw = tmp_path / "recording-20261123-101500-000000.pcm"
    samples = (0.25 * np.sin(np.arange(24000) / 7) * 32767).astype("<i2")
    raw.write_bytes(samples.tobytes()[:-1])  # killed mid-write: half a sample at the end
    raw.with_suffix(".json").write_text(json.dumps({"samplerate": 16000}))
    recovered = recover_partial_recordings(tmp_path)
    assert [p.name for p in recovered] == ["recording-20261123-101500-000000.flac"]
    audio, rate = sf.read(recovered[0], dtype="int16")
    assert rate == 16000 and np.array_equal(audio, samples[:-1])
    assert not raw.exists() and recover_partial_recordings(tmp_path) == []


def test_finalize_without_sidecar_assumes_16k(tmp_path):
    raw = tmp_path / "recording-x.pcm"
    np.zeros(1600, dtype="<i2").tofile(raw)
    audio, rate = sf.read(finalize(raw))
    assert rate == 16000 and len(audio) == 1600


def test_live_listener_gets_every_block_and_its_failure_never_costs_the_recording(tmp_path):
    device = VanishingDevice(blocks=40)
    got = []

    def listener(block):  # live transcription that breaks after ten blocks
        if len(got) == 10:
            raise RuntimeError("live transcriber crashed")
        got.append(block.copy())

    recorder = Recorder(tmp_path, sd=device, on_audio=listener)
    recorder.start()
    assert device.delivered.wait(10)
    recording = recorder.stop()
    assert len(got) == 10 and all(b.shape == (800,) for b in got)
    data, rate = sf.read(recording.path)
    assert rate == 16000 and len(data) == 40 * 800  # every block is still on disk
    assert np.allclose(data[:800], got[0], atol=1e-4)
