"""Errors a user can act on: each carries one readable message naming the problem and what to do."""

import errno


class QuebecIntlError(Exception):
    """Base class: the command line prints the message alone, without a traceback."""


class SourceFileError(QuebecIntlError):
    """A source file is missing, malformed or not what the registry expects."""


class UnknownNameError(QuebecIntlError):
    """A partner or region, named by a code or a name, that resolves to none, or to several."""


class LanguageError(QuebecIntlError, ValueError):
    """A report language other than the ones the text catalogues hold."""


class CatalogueError(QuebecIntlError, LookupError):
    """A text the code asks for that a language's catalogue lacks, or a catalogue not grouped in namespaces."""


class ValidationError(QuebecIntlError):
    """A tidy table breaks its schema."""


class SettingError(QuebecIntlError):
    """A setting (an environment variable) names a path that is not what it must be."""


class YearError(QuebecIntlError):
    """A reference year that no source covers for the report asked for."""


class Interrupted(QuebecIntlError):
    """The user stopped a run (Ctrl-C); what was finished is kept."""


class RenderError(QuebecIntlError):
    """A report notebook failed; the previous report stays in place."""


# What to do about an operating-system error on a path, by its errno name.
OS_ADVICE = {
    "ENOSPC": "free some space on that disk, or point the output settings (QUEBEC_INTL_REPORTS, "
    "QUEBEC_INTL_PROCESSED) at another one",
    "EDQUOT": "free some space within your quota, or point the output settings at another disk",
    "EISDIR": "a file is expected there, not a folder: move the folder away and restore the file",
    "ENOTDIR": "a part of this path is a file where a folder is expected: move that file away or choose another path",
    "EACCES": "you may not read or write there: change its permissions or choose another path",
    "EPERM": "you may not read or write there: change its permissions or choose another path",
    "EROFS": "that disk is read-only: choose another path for outputs",
    "ENOENT": "it does not exist: check the path and the settings that name it",
}


def describe_os_error(exc: OSError) -> str:
    """One line for an operating-system error: what failed, on which path, and what to do."""
    name = errno.errorcode.get(exc.errno or 0, "")
    where = f" on {exc.filename}" if exc.filename else ""
    advice = OS_ADVICE.get(name, "check the path and try again")
    return f"{exc.strerror or exc}{where}: {advice}"
