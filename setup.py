"""Which packages the distribution holds (everything else is in pyproject.toml).

Every package below alslint/ is discovered, so a new subpackage cannot be left out of the wheel;
the built-in rules in the top-level rules/ folder install as `alslint_rules`, a name no other
distribution's `rules` package can clash with. pyproject.toml alone cannot say both: its package
discovery cannot rename a folder.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["alslint", "alslint.*"]), "alslint_rules"],
    package_dir={"alslint_rules": "rules"},
)
