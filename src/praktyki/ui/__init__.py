"""Web app: the only part of praktyki that imports gradio."""
