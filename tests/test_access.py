"""Access: optional OIDC login gates every page, the server binds to
localhost with XSRF protection, and extract text never becomes a link."""

from __future__ import annotations

import tomllib
from pathlib import Path

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from monitor import access
from monitor.escaping import plotly_text

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "geheim",
        "client_id": "monitor", "client_secret": "s",
        "server_metadata_url": "https://login.example.nl/.well-known/openid-configuration"}


def test_login_is_configured_only_when_complete():
    assert access.providers({}) is None
    assert access.providers({"auth": {"redirect_uri": "x"}}) is None
    assert access.providers({"auth": AUTH}) == []
    nested = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    nested["entra"] = {k: AUTH[k] for k in access.PROVIDER_KEYS}
    assert access.providers({"auth": nested}) == ["entra"]
    assert access.actor({"is_logged_in": False, "email": "x"}) is None
    assert access.actor({"is_logged_in": True, "email": "a.jansen@maastricht.nl"}) == (
        "a.jansen@maastricht.nl")


def test_server_binds_to_localhost_with_xsrf_on():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"
    assert config["server"]["enableXsrfProtection"] is True
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()


def _all_pages():
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py")
                  if not p.name.startswith("_"))


def test_with_login_configured_nothing_renders_without_login(demo_store, monkeypatch):
    db, _ = demo_store
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.run()
    pages = _all_pages()
    reached = 0
    for page in pages:
        if page != pages[0]:
            at.switch_page(page).run()
        assert not at.exception
        assert [b.label for b in at.button] == ["Inloggen"]
        assert any("Log in" in i.value for i in at.info)
        assert not at.metric and not at.dataframe and not at.get("plotly_chart")
        assert not at.get("download_button") and not at.table
        assert not [m for m in at.markdown if "%" in m.value]
        reached += 0 if at.button else 1
    print(f"\naccess: {len(pages)} pages tried without login, pages with data reached: {reached}")
    assert reached == 0


@pytest.mark.parametrize("text", ['<a href="https://example.com">klik</a>',
                                  "<A HREF='javascript:alert(1)'>x</A>", "AZC <b>Mariënwaard</b>"])
def test_extract_text_never_becomes_markup_in_plotly(text):
    fig = go.Figure(go.Bar(y=[plotly_text(text)], x=[1], name=plotly_text(text)))
    payload = fig.to_json()
    assert "<a" not in payload.lower() and "<b>" not in payload
    assert plotly_text(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text
