"""How the web app tells people something went wrong, in Polish.

A user's own mistake is a note next to the field (``note``). What only happens to API callers
or expired sessions is a Gradio error whose title is Polish too and whose traceback stays out
of the log (``error``): neither is a fault of the program."""

from __future__ import annotations

import gradio as gr

from .. import messages


def note(text: str) -> str:
    return f"⚠️ {text}" if text else ""


def error(text: str) -> Exception:
    return gr.Error(text, title=messages.ERROR_TITLE, print_exception=False)
