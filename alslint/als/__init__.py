"""Reading a Live set: the file (`container`), the parts cut out before parsing (`slim`) and
the model built from the XML, one module per area of Live's XML. Knows no feature above it."""
