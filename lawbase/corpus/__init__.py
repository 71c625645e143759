"""Reading the corpus: its files, strict YAML, the schemas, building and linking the records,
the compiled cache. Nothing here prints; every problem is a located Problem."""
