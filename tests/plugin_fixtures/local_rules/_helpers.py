# Files starting with "_" are not loaded as rule modules.
raise RuntimeError("a rules folder's _private modules must not be imported")
