"""The "Przykłady do warsztatów" tab: distinct practices on a topic, downloadable handouts."""

from __future__ import annotations

from .. import handout, messages
from ..api import Engine
from ..errors import PraktykiError
from ..filters import Filters
from .notes import note


def build_trainer_tab(engine: Engine, regions: list[str]) -> None:
    import gradio as gr

    files = handout.HandoutFiles()
    gr.Markdown(messages.TRAINER_INTRO)
    with gr.Row():
        topic = gr.Textbox(
            label=messages.TRAINER_TOPIC,
            placeholder=messages.TRAINER_PLACEHOLDER,
            scale=4,
            elem_id="trainer-topic",
        )
        region = gr.Dropdown(
            [messages.ALL_REGIONS, *regions], value=messages.ALL_REGIONS, label=messages.REGION
        )
        count = gr.Slider(2, 10, value=5, step=1, label=messages.TRAINER_COUNT)
    find = gr.Button(messages.TRAINER_FIND, variant="primary", elem_id="trainer-find")
    result = gr.Markdown(elem_id="trainer-result")
    with gr.Row():
        docx_file = gr.DownloadButton(messages.DOWNLOAD_DOCX, visible=False, elem_id="dl-docx")
        md_file = gr.DownloadButton(messages.DOWNLOAD_MD, visible=False, elem_id="dl-md")

    def run(subject: str, where: str, n: float):
        hidden = gr.update(visible=False)
        if not (subject or "").strip():
            return note(messages.TRAINER_EMPTY), hidden, hidden
        filters = Filters(region=None if where == messages.ALL_REGIONS else where)
        try:
            found = engine.examples(subject, n=int(n), filters=filters)
        except PraktykiError as exc:
            return note(messages.describe_error(exc)), hidden, hidden
        md_path, docx_path = files.write(subject, found)
        return (
            md_path.read_text("utf-8"),
            gr.update(value=str(docx_path), visible=bool(found)),
            gr.update(value=str(md_path), visible=bool(found)),
        )

    find.click(run, [topic, region, count], [result, docx_file, md_file], api_name="examples")
    topic.submit(
        run, [topic, region, count], [result, docx_file, md_file], api_visibility="private"
    )
