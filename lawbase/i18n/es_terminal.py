"""Spanish for es_terminal (English text -> Spanish text; see lawbase/i18n/__init__.py)."""

MESSAGES: dict[str, str] = {}
