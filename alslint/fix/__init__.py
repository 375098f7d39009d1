"""Writing fixes into a set: the byte-level editor, the backup, the atomic write and the
verification that nothing but the intended values changed (`writer`); collecting samples into
the project (`collect`)."""
