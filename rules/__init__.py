"""alslint's built-in rules, one module per rule, each with its documentation in a sibling
`.md` file. They import only `alslint.api` and are registered through the `alslint.rules`
entry-point group in pyproject.toml, like any third-party rule."""
