"""Streamlit building blocks the pages share, one module per concern.

A sub-package, so Streamlit never lists these files as pages."""
