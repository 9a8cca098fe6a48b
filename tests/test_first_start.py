"""The first start shows the Dutch frame at once: the navigation is
registered before the slow imports (the legacy list of raw file names of
pages/ is hidden by the config until then), and while the demo store is
built the page carries its title and says how long it takes."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def test_the_navigation_comes_before_the_slow_imports():
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    body = list(tree.body)
    register = next(i for i, node in enumerate(body)
                    if "nav.register" in ast.unparse(node))
    slow = [i for i, node in enumerate(body) if isinstance(node, ast.ImportFrom)
            and (node.module or "").split(".")[0] in ("monitor", "etl")
            or isinstance(node, ast.ImportFrom) and node.module == "pages.ui"
            and any(a.name != "nav" for a in node.names)]
    assert slow and register < min(slow)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showSidebarNavigation"] is False


def test_the_first_start_shows_title_and_duration(tmp_path, monkeypatch):
    import etl.bootstrap

    built = []

    def build(db):  # stands in for the half-minute demo build
        built.append(db)
        raise RuntimeError("geen demo in deze test")

    monkeypatch.setattr(etl.bootstrap, "ensure_demo_store", build)
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "nieuw.duckdb"))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert built == [tmp_path / "nieuw.duckdb"]
    assert not at.exception
    texts = [e.value for e in at.title] + [e.value for e in at.info] + [e.value for e in at.error]
    # the build failed here, so the instructions follow the error
    assert "Integratiemonitor" in texts
    assert any("kon niet worden opgebouwd" in t for t in texts)
