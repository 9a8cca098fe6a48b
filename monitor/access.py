"""Who may see the dashboard: OIDC login through Streamlit, failing closed.

Login is configured, or not, in the Streamlit secrets (`.streamlit/secrets.toml`,
never in the repository), as Streamlit's `st.login` expects:

    [auth]
    redirect_uri = "https://monitor.example.nl/oauth2callback"
    cookie_secret = "..."
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.example.nl/.well-known/openid-configuration"

(or one or more `[auth.<provider>]` sections holding the last three). Three
states, decided by `check`:

- no secrets file and no section named like `auth`: the dashboard is open to
  whoever reaches the server (by default localhost only, .streamlit/config.toml);
- a complete `[auth]`: nothing but the login screen renders until the user
  is logged in;
- anything in between (a secrets file that does not parse, `[Auth]`, a
  missing or empty key, an incomplete provider, Authlib not installed): the
  app stops with a Dutch message naming what is wrong. An operator who meant
  to configure login and got it slightly wrong must never get an open
  dashboard instead.

The checks are pure functions; `require_login` is the one call app.py makes
(it imports Streamlit itself, so this module stays importable without it).
"""

from __future__ import annotations

import importlib.util
import logging
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

LOCAL_ACTOR = "lokaal"
ACTOR_KEY = "_im_actor"
SECTION = "auth"
SHARED_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
CALLBACK = "/oauth2callback"

OPEN, LOGIN, BROKEN = "open", "login", "broken"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setup:
    """What the secrets say: `state` is OPEN, LOGIN or BROKEN; `providers`
    the named providers ([] for the flat form, st.login() without a name);
    `problems` Dutch sentences, one per fault, never a secret's value."""

    state: str
    providers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_secret_files(paths: Iterable[str | Path]) -> tuple[dict, list[str]]:
    """The secrets as Streamlit merges them (later files win per top-level
    key), and a Dutch problem for every file that exists but does not parse."""
    merged: dict = {}
    problems: list[str] = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            continue
        try:
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            # the parser's message names line and column, never the content
            where = str(exc).split("(", 1)[-1].rstrip(")") if "(" in str(exc) else ""
            problems.append(f"{path.name} is niet te lezen als TOML"
                            + (f" ({where})" if where else "") + ".")
    return merged, problems


def _filled(section: Mapping, key: str) -> bool:
    value = section.get(key)
    return isinstance(value, str) and value.strip() != ""


def check(secrets: Mapping | None, *, unreadable: Iterable[str] = (),
          authlib_installed: bool = True) -> Setup:
    """Decide the login state from the (merged) secrets. `unreadable` are
    problems found while reading the files: any of them makes the setup
    BROKEN, since what the file meant to say cannot be known."""
    problems = list(unreadable)
    secrets = secrets or {}
    near = [k for k in secrets if isinstance(k, str) and k.strip().lower() == SECTION and k != SECTION]
    for k in near:
        problems.append(f"De sectie heet [{k}]; Streamlit leest alleen [auth] (kleine letters).")
    auth = secrets.get(SECTION)
    if auth is None:
        return Setup(BROKEN, problems=problems) if problems else Setup(OPEN)
    if not isinstance(auth, Mapping):
        return Setup(BROKEN, problems=problems + ["[auth] is geen sectie."])
    for key in SHARED_KEYS:
        if not _filled(auth, key):
            problems.append(f"In [auth] ontbreekt {key} (of het is leeg).")
    redirect = auth.get("redirect_uri")
    if _filled(auth, "redirect_uri"):
        url = urlparse(redirect.replace("{port}", "1"))
        if url.scheme not in ("http", "https") or not url.netloc or not url.path.endswith(CALLBACK):
            problems.append(f"redirect_uri in [auth] moet een http(s)-adres zijn dat eindigt op "
                            f"{CALLBACK}.")
    flat = [k for k in PROVIDER_KEYS if k in auth]
    named = {k: v for k, v in auth.items() if isinstance(v, Mapping)}
    providers: list[str] = []
    if flat:
        missing = [k for k in PROVIDER_KEYS if not _filled(auth, k)]
        if missing:
            problems.append("In [auth] ontbreekt " + ", ".join(missing) + " (of het is leeg).")
    for name, section in named.items():
        missing = [k for k in PROVIDER_KEYS if not _filled(section, k)]
        if missing:
            problems.append(f"In [auth.{name}] ontbreekt " + ", ".join(missing) + " (of het is leeg).")
        providers.append(name)
    if not flat and not named:
        problems.append("In [auth] staat geen identiteitsprovider (client_id, client_secret en "
                        "server_metadata_url, direct of in [auth.<naam>]).")
    if not problems and not authlib_installed:
        problems.append("Het pakket Authlib, dat inloggen nodig heeft, is niet geïnstalleerd "
                        "(pip install -r requirements.txt).")
    if problems:
        return Setup(BROKEN, problems=problems)
    return Setup(LOGIN, providers=[] if flat else providers)


def providers(secrets: Mapping) -> list[str] | None:
    """None when login is not configured or not usable; [] for the flat
    form of [auth] (st.login() without a provider); else the provider names."""
    setup = check(secrets)
    return setup.providers if setup.state == LOGIN else None


def actor(user_info: Mapping) -> str | None:
    """The login of a logged-in user (e-mail, else name, else subject)."""
    if not user_info.get("is_logged_in"):
        return None
    return str(user_info.get("email") or user_info.get("name") or user_info.get("sub") or "")


def current_actor() -> str:
    """The actor for the audit log in this session: the login or "lokaal"."""
    # here, not at the top: monitor/ imports without Streamlit (the ETL, the
    # export and the tests use it outside a Streamlit run)
    import streamlit as st

    return st.session_state.get(ACTOR_KEY) or LOCAL_ACTOR


def current_setup() -> Setup:
    """The setup as this server sees it now. The files are read on every run,
    not through st.secrets, whose loader turns a file that does not parse
    into "no secrets" (an open dashboard)."""
    import streamlit as st

    merged, unreadable = read_secret_files(st.get_option("secrets.files") or ())
    if not merged and not unreadable and st.secrets.load_if_toml_exists():
        merged = st.secrets.to_dict()  # secrets given another way (AppTest)
    return check(merged, unreadable=unreadable,
                 authlib_installed=importlib.util.find_spec("authlib") is not None)


BROKEN_LEAD = ("Inloggen is ingesteld, maar niet volledig of niet leesbaar. Het dashboard blijft "
               "daarom dicht. De beheerder van de server moet .streamlit/secrets.toml herstellen:")


def require_login() -> str:
    """Stop the script with a login screen (or, when the setup is broken,
    with the reason) unless login is not configured or the user is logged
    in. Returns the actor."""
    import streamlit as st

    setup = current_setup()
    if setup.state == OPEN:
        st.session_state[ACTOR_KEY] = LOCAL_ACTOR
        return LOCAL_ACTOR
    st.session_state.pop(ACTOR_KEY, None)
    if setup.state == BROKEN:
        log.error("login setup broken, dashboard closed: %s", " ".join(setup.problems))
        st.title("Integratiemonitor")
        st.error(BROKEN_LEAD + "\n\n" + "\n".join(f"- {p}" for p in setup.problems),
                 icon=":material/lock:")
        st.stop()
        raise AssertionError("st.stop() returned")  # pragma: no cover
    login = actor(st.user.to_dict())
    if login is not None:
        st.session_state[ACTOR_KEY] = login
        st.sidebar.caption(f"Ingelogd als {login}")
        st.sidebar.button("Uitloggen", on_click=st.logout)
        return login
    st.title("Integratiemonitor")
    st.info("Log in met uw account van de gemeente om het dashboard te gebruiken.")
    if st.button("Inloggen", type="primary"):
        st.login(*setup.providers[:1])
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover
