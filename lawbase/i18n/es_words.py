"""Spanish for es_words (English text -> Spanish text; see lawbase/i18n/__init__.py): words every
area shows (a provision's state, a finding's status, a State's standing, durations' glue)."""

MESSAGES: dict[str, str] = {
    # a provision's state on a date
    "in force": "vigente",
    "repealed": "derogado",
    "not yet in force": "aún no vigente",
    "not recorded": "no registrado",
    "earlier text not recorded": "texto anterior no registrado",
    "today": "hoy",
    # a finding's or a cell's status
    "gap": "brecha",
    "partial": "parcial",
    "met": "cumplido",
    "full": "pleno",
    "conditional": "condicionado",
    "not assessed": "no evaluado",
    "unknown": "desconocido",
    "absent": "ausente",
    "none": "ninguno",
    # a State's standing in an instrument
    "national law": "derecho nacional",
    "not a party": "no es parte",
    "signed": "firmado",
    "approved": "aprobado",
    "ratified": "ratificado",
    "acceded": "adhesión",
    "terminated": "terminado",
    "binding": "vinculante",
    "not binding": "no vinculante",
    "binding status not recorded": "no consta si es vinculante",
    "no step taken yet": "sin ningún paso aún",
    # penalties and ages
    "{low} – {high}": "{low} a {high}",
    "{low} – life imprisonment": "{low} a presidio perpetuo",
    "life imprisonment": "presidio perpetuo",
    "life": "perpetua",
    "+ fine {amount} {unit}": "+ multa de {amount} {unit}",
    "or fine {amount} {unit}": "o multa de {amount} {unit}",
    "any age": "cualquier edad",
    "under {age}": "menor de {age}",
    "{age} and over": "{age} o más",
    "imprescriptible": "imprescriptible",
    "yes": "sí",
    "no": "no",
    " or ": " o ",
}
