"""The hostile drop (tests.hostile) in real Chromium, beyond the pages
(test_hostile_browser): a shared Begroting link with hostile scenario names
and absurd numbers shows them as text with a Dutch notice, and the
downloads of a CSV, the deck and the evaluation (PowerPoint and PDF) each
leave one audit line, the CSV holds no formula cell and the files no live
link."""

from __future__ import annotations

import io
import os
import urllib.parse
import zipfile

import pytest

from monitor import audit
from monitor.escaping import JOINER
from tests.browser import CHROMIUM, browser, open_page, wait_idle  # noqa: F401
from tests.hostile import EVIL
from tests.test_hostile_browser import _check, hostile, page  # noqa: F401 (fixtures)
from tests.test_hostile_outputs import _formula_cells

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")


def test_a_shared_budget_link_cannot_inject(hostile, page):
    link, image = f"[klik](https://{EVIL}/k)", f"![p](https://{EVIL}/p.png)"
    query = urllib.parse.urlencode({"scenarios": "2", "s1.naam": link, "s2.naam": image,
                                    "s" + "7" * 5000 + ".housed_2024": "1",
                                    "s1.housed_2024": "9" * 5000})
    open_page(page, f"{hostile['url']}/begroting?{query}")
    _check(page, "begroting", tabs=True)
    assert page.locator("[data-testid='stException']").count() == 0
    headings = " ".join(page.locator("h3, h4").all_inner_texts()).replace(JOINER, "")
    assert link in headings
    notices = " ".join(page.locator("[data-testid='stAlertContentWarning']").all_inner_texts())
    assert "hoogstens 3 scenario" in notices and "te lang voor een getal" in notices
    open_page(page, f"{hostile['url']}/raadspresentatie?mand=begroting/!!!")
    notices = " ".join(page.locator("[data-testid='stAlertContentWarning']").all_inner_texts())
    assert "bestaan niet (meer)" in notices
    assert page.locator("[data-testid='stDownloadButton']").count() == 0


def _download(page, text: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=180_000) as d:
        page.locator("[data-testid='stDownloadButton'] button").filter(has_text=text).first.click()
    with open(d.value.path(), "rb") as fh:
        return d.value.suggested_filename, fh.read()


def test_each_download_leaves_one_audit_line(hostile, page):
    log = audit.path_beside(hostile["db"])
    before = len(audit.read(log))
    open_page(page, f"{hostile['url']}/uitvoeringsprogramma")
    name, data = _download(page, "CSV")
    assert not _formula_cells(data) and "'=HYPERLINK" in data.decode("utf-8-sig")
    open_page(page, f"{hostile['url']}/raadspresentatie?mand={urllib.parse.quote(hostile['mand'])}")
    deck_name, pptx = _download(page, "PowerPoint downloaden")
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        assert not [n for n in z.namelist() if "hlinkClick" in z.read(n).decode("latin-1")]
    open_page(page, f"{hostile['url']}/evaluatie")
    page.get_by_role("button", name="Rapportage maken").click()
    page.wait_for_selector("[data-testid='stDownloadButton']", timeout=300_000)
    wait_idle(page)
    eval_name, _ = _download(page, "PowerPoint downloaden")
    pdf_name, pdf = _download(page, "PDF downloaden")
    assert pdf.startswith(b"%PDF") and b"/URI" not in pdf
    lines = [(x["action"], x["object"]) for x in audit.read(log)[before:]]
    assert lines == [("download", f"csv:{name}"), ("download", f"pptx:{deck_name}"),
                     ("download", f"pptx:{eval_name}"), ("download", f"pdf:{pdf_name}")]
