"""The library wing: a whole folder of Live projects at a glance.

`projects` finds the sets and groups them by Live project (with their `Backup/` history),
`summary` reads what each set is (version, tempo, key, plugins, …) and caches it, `status`
adds the stage each set has reached from its lint findings, `plugins` checks plugins against
those installed, `locators` exports a set's locators for the world outside Live, `find` filters
sets, `render` prints the status, and `commands` holds the click commands.
"""
