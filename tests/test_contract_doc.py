"""docs/datacontract.md says what etl/contract.py does: its tables are the
contract rendered (python -m etl contract), so the two cannot drift, and the
README points at it, inside the repository."""

import dataclasses
import re
from pathlib import Path

import pytest

from etl import contract, contractdoc

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = {"jjjjmmdd": "20250106", "jjjjmm": "202412", "jjjj": "2025"}


def test_the_document_is_the_contract_rendered():
    text = contractdoc.DOC.read_text(encoding="utf-8")
    assert contractdoc.current(text) == contractdoc.render(), \
        "docs/datacontract.md loopt achter op etl/contract.py: draai python -m etl contract"


def test_a_change_to_the_contract_shows_as_drift(monkeypatch):
    text = contractdoc.DOC.read_text(encoding="utf-8")
    changed = tuple(dataclasses.replace(e, columns=e.columns[:-1]) if e.name == "uitkeringen"
                    else e for e in contract.EXTRACTS)
    monkeypatch.setattr(contractdoc, "EXTRACTS", changed)
    assert contractdoc.current(text) != contractdoc.render()


@pytest.mark.parametrize("extract", contract.EXTRACTS, ids=lambda e: e.name)
def test_every_extract_and_column_is_documented(extract):
    text = contractdoc.DOC.read_text(encoding="utf-8")
    name = contractdoc.file_name(extract)
    assert f"`{name}`" in text
    # the written name is the pattern the loader matches
    filled = re.sub(r"\[_<(\w+)>\]", lambda m: "_" + SAMPLE[m.group(1)], name)
    filled = re.sub(r"<(\w+)>", lambda m: SAMPLE[m.group(1)], filled)
    assert extract.matches(filled), (name, filled)
    section = text[text.index(f"`{name}`"):]
    section = section[:section.find("\n### ")] if "\n### " in section else section
    for column in extract.columns:
        assert re.search(rf"^\| {re.escape(column.source)} \|", section, re.M), column.source


def test_the_readme_links_the_contract_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/datacontract.md" in readme
    assert "../shared" not in readme
