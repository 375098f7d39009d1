"""The library wing: a whole folder of Live projects at a glance.

`projects` finds the sets and groups them by Live project (with their `Backup/` history),
`summary` reads what each set is (version, tempo, key, plugins, …) and caches it, `parallel`
spreads that over the cores, `status` adds the stage each set has reached from its lint
findings and `render` prints it; `inventory` knows the plugins installed on a machine and
`plugins` which ones a library uses; `locators` exports a set's locators for the world outside
Live; `find` filters sets; `commands` holds the click commands.
"""
