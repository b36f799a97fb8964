"""Which speech model the app transcribes with: the saved choice applied at start (or the bundled
model, said in one line, when the saved one is gone: the app never downloads by itself), and
Settings › Speech model (ui/widgets/model_dialog.py) switching it for the next answers."""

from __future__ import annotations

from interviewer_app.transcribe.catalog import model_title, unavailable
from interviewer_app.transcribe.models import DEFAULT_MODEL


def apply_saved_model(ctx, settings) -> str | None:
    """Use the model saved in the settings, unless one was given on the command line. Returns a
    notice when it cannot be used offline (the bundled model is used instead)."""
    saved = settings.get("speech_model")
    if ctx.model is not None or not saved or saved == DEFAULT_MODEL:
        return None
    problem = unavailable(saved, ctx.paths.models_dir)
    if problem is None:
        ctx.use_model(saved)
    return problem


KEEP_FILLERS_TITLE = "Write down \u201cum\u201d and \u201cuh\u201d (slower, experimental)"
KEEP_FILLERS_TIP = ("The speech model leaves out most fillers. With this on, the full pass after each "
                    "answer asks it to write them down: on real speech it then finds about 8 fillers "
                    "in 10 instead of 1 in 10, but a third to two fifths of those it writes were not said, "
                    "and the pass takes about 2.5 times as long. The live transcript stays as it is.")


def apply_filler_choice(ctx, settings, on: bool | None = None) -> None:
    """Write fillers down or not (TranscribeOptions.keep_fillers), as saved (None) or as just chosen."""
    if on is None:
        on = bool(settings.get("keep_fillers"))
    else:
        settings.set("keep_fillers", on)
    ctx.write_fillers(on)


def remember_speed(ctx, settings) -> None:
    """Keep how fast the model in use transcribed the last answer (seconds of work per second of
    audio), so the dialog can say what each model would take on this computer after a restart."""
    rtf = ctx.transcriber.last_rtf
    if rtf:
        settings.set("speech_speed", f"{rtf:.4f} {ctx.model or DEFAULT_MODEL}")


def measured_speed(ctx, settings) -> float | None:
    """The model in use's speed on this computer: this session's last answer, else a saved one."""
    if ctx.transcriber.last_rtf:
        return ctx.transcriber.last_rtf
    rtf, _, model = (settings.get("speech_speed") or "").partition(" ")
    try:
        return float(rtf) if model == (ctx.model or DEFAULT_MODEL) else None
    except ValueError:
        return None


def open_model_dialog(window):
    """Settings › Speech model, non-modal over the window; returns the dialog."""
    from interviewer_app.ui.widgets.model_dialog import ModelDialog

    ctx = window.ctx
    dialog = ModelDialog(ctx.paths.models_dir, ctx.model, measured_rtf=measured_speed(ctx, window.settings),
                         busy=window._busy, parent=window)
    dialog.chosen.connect(lambda spec: switch_model(window, spec))
    dialog.open()
    return dialog


def switch_model(window, spec: str) -> None:
    """Transcribe the next answers with `spec` (a model name or folder), loaded in the background."""
    chosen = None if spec == DEFAULT_MODEL else spec
    window.settings.set("speech_model", chosen)
    window.ctx.use_model(chosen)
    window.model_label.setText(f"Speech model {model_title(spec)}: loading…")
    window.session.warm_up_model()
