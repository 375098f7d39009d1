import alslint_no_such_module  # noqa: F401  (the plugin's dependency is not installed)
