"""The publishing templates (templates/*.j2) and the pages' stylesheet, read once per process. Apart from the HTML
export, so that writing the index loads no notebook machinery."""

from __future__ import annotations

from importlib import resources

from .. import lazy
from ..caching import cached

jinja2 = lazy.module("jinja2")  # imported when a page's template is first read (quebec_intl.lazy)


@cached
def template(name: str) -> jinja2.Template:
    env = jinja2.Environment(autoescape=jinja2.select_autoescape(["html"]), keep_trailing_newline=True)
    source = resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")
    return env.from_string(source)


@cached
def stylesheet() -> str:
    return resources.files(__package__).joinpath("templates", "report.css").read_text(encoding="utf-8")
