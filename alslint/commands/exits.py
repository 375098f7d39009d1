"""The exit codes, a public contract (see README "Exit codes")."""

#: Nothing at or above the failure threshold; for `diff`: no difference.
EXIT_OK = 0
#: Findings at or above the threshold; for `diff`: differences.
EXIT_FINDINGS = 1
#: A usage, configuration or unreadable-input error.
EXIT_ERROR = 2
