"""Content: content.yaml read with the place of every value (loader), validated into an immutable
model (model, validate), every mistake said in plain words at its line (explain), and the model's
JSON Schema for editors (schema). It may import problems, files, fonts, formats, theme and pictures;
never the checks, a writer or the build."""

from leaflets.content.model import (CHECK_NAMES, SLUG_PATTERN, Cause, CheckSettings, Content, DeckSettings,
                                    Publisher, Source, Topic, WarningSign, mentions, patient_text, patient_texts)
from leaflets.content.validate import load, load_with_positions
from leaflets.problems import ContentError

__all__ = ["CHECK_NAMES", "SLUG_PATTERN", "Cause", "CheckSettings", "Content", "ContentError", "DeckSettings",
           "Publisher", "Source", "Topic", "WarningSign", "load", "load_with_positions", "mentions", "patient_text",
           "patient_texts"]
