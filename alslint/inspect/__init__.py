"""The inspect wing: a set's overview (tracks, devices, levels) for people and for JSON."""
