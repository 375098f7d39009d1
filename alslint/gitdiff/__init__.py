"""The git wing: a set as diffable text (`textconv`) and a set-aware diff of two versions."""
