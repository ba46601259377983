"""The text model every stage shares: a Document (original text, the text rules run on, and the
map between them), typographic normalisation, sentence splitting and copylint's directive syntax."""
