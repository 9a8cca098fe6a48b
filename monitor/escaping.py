"""Extract and URL text on its way to an output: it stays text everywhere.

Every string that comes from an extract (Omschrijving, Locatie, land van
herkomst, Organisatie) or from a link (a scenario name) is data, never
markup. Each output reads text its own way, so each has its own function,
applied at the point of output:

- plotly renders a subset of HTML in labels, legend names, hover texts and
  annotations (`<a href>` becomes a link, `<b>` bold): `plotly_text`;
- Streamlit renders Markdown (GitHub-flavoured, with autolinks, images,
  `$…$` maths and its own `:colour[…]` directives) in st.markdown, st.caption,
  headings, labels and st.table cells: `markdown_text`, `markdown_table`;
- HTML written with unsafe_allow_html is raw HTML inside a Markdown page:
  `html_text` escapes it for both;
- a spreadsheet program runs a cell that starts with `=`, `+`, `-`, `@`,
  tab or carriage return as a formula (OWASP "CSV injection"):
  `spreadsheet_cell` makes such a cell text.

PowerPoint text frames (python-pptx) take text literally and need nothing.
"""

from __future__ import annotations

import html
import re

import pandas as pd


def plotly_text(value) -> str:
    """Extract text safe to put in a plotly label, legend or hover text: its
    `<`, `>` and `&` become entities, which plotly shows as the characters."""
    if value is None:
        return ""
    return html.escape(str(value), quote=False)


# Characters that start Markdown syntax wherever they stand. A backslash
# before ASCII punctuation is always a literal in CommonMark. `[`/`]` carry
# links and images, `:` Streamlit's directives, `$` maths; `(`, `)`, `.`, `,`, `%`, `-` are left
# alone so that numbers and "Overig (n)" read the same in the table's data.
_MD_ALWAYS = re.compile(r"([\\`*_\[\]#|~$:@{}])")
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")       # an HTML tag or an <autolink>
_MD_ENTITY = re.compile(r"&(?=[A-Za-z#])")      # an entity such as &lt;
# GitHub's autolinks (https://…, www.…, a@b.nl) are found in the text after
# the Markdown is parsed, so an escape does not stop them; an invisible word
# joiner inside the pattern does, and the text still reads the same.
JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)((?:https?|ftp)(?=\\?:)|\bwww(?=\\?\.)|@(?=\w))")


def markdown_text(value) -> str:
    """Text that Streamlit's Markdown shows literally: no link, image, tag,
    autolink, formatting or maths, and no line break that starts a block."""
    if value is None:
        return ""
    text = " ".join(str(value).splitlines())
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_TAG.sub(r"\\<", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    return _unlink(text)


def _unlink(text: str) -> str:
    return _AUTOLINK.sub(lambda m: m.group(1) + JOINER, text)


def markdown_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table for st.table, whose cells and headers are Markdown:
    every text cell and header through `markdown_text`, numbers untouched."""
    out = table.copy()
    out.columns = [markdown_text(c) if isinstance(c, str) else c for c in table.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = [markdown_text(v) if isinstance(v, str) else v for v in out[col]]
    return out


# In raw HTML Markdown is not parsed, but a blank line ends the HTML block
# and a backslash shows as itself; so the Markdown characters become numeric
# entities, which the browser shows as the characters in either place.
_HTML = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]#|~$:@{}!()"})


def html_text(value) -> str:
    """Text to place inside HTML given to st.markdown(unsafe_allow_html=True)."""
    if value is None:
        return ""
    return _unlink(" ".join(str(value).splitlines())).translate(_HTML)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)([eE][+-]?\d+)?%?$")


def spreadsheet_cell(text: str) -> str:
    """A text cell Excel and LibreOffice open as text: one that would start a
    formula gets a leading apostrophe (OWASP); a number such as -12,5 stays."""
    stripped = text.lstrip(" ")
    if stripped.startswith(FORMULA_START) and not _NUMBER.match(stripped.strip()):
        return "'" + text
    return text
