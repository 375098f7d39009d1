"""Tests of the installed product (a package, so its conftest does not shadow tests/conftest.py)."""
