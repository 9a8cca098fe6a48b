"""Who may see the dashboard: optional OIDC login through Streamlit.

Login is configured, or not, in the Streamlit secrets (`.streamlit/secrets.toml`,
never in the repository), as Streamlit's `st.login` expects:

    [auth]
    redirect_uri = "https://monitor.example.nl/oauth2callback"
    cookie_secret = "..."
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.example.nl/.well-known/openid-configuration"

(or one `[auth.<provider>]` section holding the last three). When it is
configured, nothing but the login screen renders until the user is logged
in. Without it the dashboard is open to whoever reaches the server, which by
default listens on localhost only (.streamlit/config.toml).

The checks are pure functions; `require_login` is the one call app.py makes
(it imports Streamlit itself, so this module stays importable without it).
"""

from __future__ import annotations

from collections.abc import Mapping

LOCAL_ACTOR = "lokaal"
ACTOR_KEY = "_im_actor"
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def providers(secrets: Mapping) -> list[str] | None:
    """None when login is not configured; [] for the flat form of [auth]
    (st.login() without a provider); else the provider names."""
    auth = secrets.get("auth") if hasattr(secrets, "get") else None
    if not auth or not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return None
    if all(auth.get(k) for k in PROVIDER_KEYS):
        return []
    named = [name for name, section in auth.items()
             if isinstance(section, Mapping) and all(section.get(k) for k in PROVIDER_KEYS)]
    return named or None


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


def require_login() -> str:
    """Stop the script with a login screen unless login is not configured or
    the user is logged in. Returns the actor."""
    import streamlit as st

    configured = providers(st.secrets) if st.secrets.load_if_toml_exists() else None
    if configured is None:
        st.session_state[ACTOR_KEY] = LOCAL_ACTOR
        return LOCAL_ACTOR
    login = actor(st.user.to_dict())
    if login is not None:
        st.session_state[ACTOR_KEY] = login
        st.sidebar.caption(f"Ingelogd als {login}")
        st.sidebar.button("Uitloggen", on_click=st.logout)
        return login
    st.session_state.pop(ACTOR_KEY, None)
    st.title("Integratiemonitor")
    st.info("Log in met uw account van de gemeente om het dashboard te gebruiken.")
    if st.button("Inloggen", type="primary"):
        st.login(*configured[:1])
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover
