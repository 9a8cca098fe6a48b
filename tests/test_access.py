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


BROKEN_SETUPS = {
    "leeg [auth]": {"auth": {}},
    "cookie_secret ontbreekt": {"auth": {k: v for k, v in AUTH.items() if k != "cookie_secret"}},
    "redirect_uri ontbreekt": {"auth": {k: v for k, v in AUTH.items() if k != "redirect_uri"}},
    "redirect_uri zonder callback": {"auth": {**AUTH, "redirect_uri": "http://localhost:8501/"}},
    "client_id leeg": {"auth": {**AUTH, "client_id": ""}},
    "client_id spaties": {"auth": {**AUTH, "client_id": "  "}},
    "provider onvolledig": {"auth": {"redirect_uri": AUTH["redirect_uri"],
                                     "cookie_secret": "x", "entra": {"client_id": "m"}}},
    "een van twee providers onvolledig": {"auth": {
        "redirect_uri": AUTH["redirect_uri"], "cookie_secret": "x",
        "entra": {k: AUTH[k] for k in access.PROVIDER_KEYS}, "keycloak": {"client_id": "m"}}},
    "[Auth] met hoofdletter": {"Auth": AUTH},
    "[AUTH] naast [auth]": {"auth": AUTH, "AUTH": AUTH},
    "auth is geen sectie": {"auth": "aan"},
}


@pytest.mark.parametrize("case", list(BROKEN_SETUPS))
def test_an_incomplete_login_setup_is_broken_never_open(case):
    setup = access.check(BROKEN_SETUPS[case])
    assert setup.state == access.BROKEN and setup.problems
    assert access.providers(BROKEN_SETUPS[case]) is None
    assert not any("geheim" in p for p in setup.problems)  # values are never repeated


def test_login_setup_states(tmp_path):
    assert access.check({}) == access.Setup(access.OPEN)
    assert access.check({"other": {"x": 1}}).state == access.OPEN
    assert access.check({"auth": AUTH}) == access.Setup(access.LOGIN, providers=[])
    assert access.check({"auth": AUTH}, authlib_installed=False).state == access.BROKEN
    good, bad, missing = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "c.toml"
    good.write_text('[auth]\nredirect_uri = "x"\n', encoding="utf-8")
    bad.write_text('[auth]\nclient_secret = "geheim\n', encoding="utf-8")
    merged, problems = access.read_secret_files([good, missing])
    assert merged == {"auth": {"redirect_uri": "x"}} and problems == []
    merged, problems = access.read_secret_files([good, bad])
    assert len(problems) == 1 and "b.toml" in problems[0] and "geheim" not in problems[0]
    assert access.check(merged, unreadable=problems).state == access.BROKEN
    # an unreadable file closes the app even when no [auth] could be read from it
    assert access.check({}, unreadable=problems).state == access.BROKEN
