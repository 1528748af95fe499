"""The engine's errors as Python exceptions (raised by the extension; see bindings/errors.cpp)."""


class Error(ValueError):
    """A mistake of the user's that Tonus refused: the message says what and how to fix it."""


class InputError(Error):
    """A mistake in an input file or text.

    str(error) is the command line's text, one `file:line:col: field: ...` line per mistake.
    The first mistake's place is in .file, .line, .column (1-based; 0 when unknown) and .field
    (e.g. "timeline[2].sit.minutes"); .entries lists every mistake as a dict.
    """

    def __init__(self, message, file="", line=0, column=0, field="", entries=()):
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.entries = list(entries)
