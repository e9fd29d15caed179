"""Errors a user can act on: each carries one readable message naming the problem and what to do."""


class QuebecIntlError(Exception):
    """Base class: the command line prints the message alone, without a traceback."""


class SourceFileError(QuebecIntlError):
    """A source file is missing, malformed or not what the registry expects."""


class UnknownNameError(QuebecIntlError):
    """A partner or region, named by a code or a name, that resolves to none, or to several."""


class ValidationError(QuebecIntlError):
    """A tidy table breaks its schema."""


class RenderError(QuebecIntlError):
    """A report notebook failed; the previous report stays in place."""
