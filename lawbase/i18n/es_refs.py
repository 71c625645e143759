"""Spanish of the references area: what `show` and `penalty` say about a reference as typed
(incisos, mistyped suffixes, laws named alone), the treaty and conduct names of the options."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "showing {label}; you typed {typed}": "se muestra {label}; usted escribió {typed}",
    "no article {article}": "no hay artículo {article}",
    "{part} is not recorded separately; showing {label}": "{part} no se registra por separado; se muestra {label}",
    "{label} has no {part}": "{label} no tiene {part}",
    "only the offences of {part}": "solo los delitos del {part}",
    "{part}: {offences}": "{part}: {offences}",
    "{part}: no offence of it in force on this date": "{part}: ningún delito suyo vigente en esta fecha",
    "Articles it added": "Artículos que agregó",
    "Articles it amended": "Artículos que modificó",
    "Articles it repealed": "Artículos que derogó",
    "from {date}": "desde el {date}",
    "'{name}' names more than one instrument": "'{name}' nombra más de un instrumento",
    "{option}: no instrument '{name}'": "{option}: ningún instrumento '{name}'",
    "--treaty: no extradition treaty '{name}'": "--treaty: ningún tratado de extradición '{name}'",
    "--conduct: unknown conduct tag '{tag}' (close: {close}); every tag: {where}": (
        "--conduct: etiqueta de conducta desconocida '{tag}' (cercanas: {close}); todas las etiquetas: {where}"
    ),
    "--conduct: unknown conduct tag '{tag}'; every tag: {where}": (
        "--conduct: etiqueta de conducta desconocida '{tag}'; todas las etiquetas: {where}"
    ),
    "empty reference": "referencia vacía",
    "no provision, requirement or offence '{typed}'": "ninguna disposición, obligación ni delito '{typed}'",
    "'{typed}' names no article number": "'{typed}' no indica número de artículo",
    "'{typed}' is ambiguous": "'{typed}' es ambiguo",
    "no article matches '{typed}'": "ningún artículo corresponde a '{typed}'",
    "'{extra}' is not a separate entry; showing {label}": "'{extra}' no es una entrada separada; se muestra {label}",
    "'{name}' in '{typed}' is the law of {owners}, not of {home}: name that jurisdiction with --jurisdiction": (
        "'{name}' en '{typed}' es derecho de {owners}, no de {home}: indique esa jurisdicción con --jurisdiction"
    ),
    "unknown instrument '{name}' in '{typed}'": "instrumento desconocido '{name}' en '{typed}'",
    "{label} names a whole instrument; {command} takes an article (lawbase show '{typed}' lists those it holds and made)": (
        "{label} nombra un instrumento completo; {command} recibe un artículo "
        "(lawbase show '{typed}' enumera los que contiene y los que creó o modificó)"
    ),
}
