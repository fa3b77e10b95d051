"""The fact layer: fact kinds and their fields, reading YAML with lines, articles and
citations, sources, the fact base loader and deck recipes. Nothing here knows about
questions, exporters or the quiz."""
