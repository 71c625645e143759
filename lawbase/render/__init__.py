"""Renderers: they format query results and never compute legal facts."""
