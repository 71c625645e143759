"""Spanish for es_terminal (English text -> Spanish text; see lawbase/i18n/__init__.py): what the
terminal renderer (lawbase/render/terminal.py, render/text.py) prints."""

MESSAGES: dict[str, str] = {
    # the option of `penalty` this area added (its help, read by lawbase/cli.py)
    "One line per offence: article, version and law, penalty, range, class.": (
        "Una línea por delito: artículo, versión y ley, pena, rango, clase."
    ),
    # headings of sections
    "Sources": "Fuentes",
    "Offences and penalties": "Delitos y penas",
    "Refers to": "Se remite a",
    "Referred to by": "Citado por",
    "Extraterritorial jurisdiction": "Jurisdicción extraterritorial",
    "What it requires": "Qué exige",
    "Meets": "Cumple",
    "Where sources disagree": "Donde las fuentes discrepan",
    "Versions": "Versiones",
    "Accessory penalties": "Penas accesorias",
    "Offences, by conduct": "Delitos, por conducta",
    "Requirements on which they differ": "Requisitos en que difieren",
    "Its articles in the corpus": "Sus artículos en el corpus",
    "Provisions that claim to meet it": "Disposiciones que afirman cumplirlo",
    "Requirements × States": "Requisitos × Estados",
    "Laws": "Leyes",
    "Provisions added": "Disposiciones incorporadas",
    "Provisions amended": "Disposiciones modificadas",
    "Provisions repealed": "Disposiciones derogadas",
    "Recorded from a date in the period": "Registradas desde una fecha del período",
    "(older texts; not changes)": "(textos anteriores; no son cambios)",
    "Penalties changed": "Penas modificadas",
    "Age bands changed": "Tramos de edad modificados",
    "Gaps closed": "Brechas cerradas",
    "Gaps opened": "Brechas abiertas",
    "Gaps changed": "Brechas modificadas",
    # table headers
    "Offence": "Delito",
    "Victim": "Víctima",
    "Only if": "Solo si",
    "Penalty": "Pena",
    "Range": "Rango",
    "Article": "Artículo",
    "Reference": "Referencia",
    "Title": "Título",
    "On {date}": "Al {date}",
    "Matched": "Coincidencia",
    "Requirement": "Requisito",
    "Kind": "Tipo",
    "Status": "Estado",
    "Provisions": "Disposiciones",
    # a provision's state and version
    "As of {date}:": "Al {date}:",
    " (text of the version of {date}, which stood at least since {since}; when it began is not recorded)": (
        " (texto de la versión de {date}, vigente al menos desde el {since}; no consta desde cuándo)"
    ),
    " (version {window})": " (versión {window})",
    " on {date}": " el {date}",
    " by {law}": " por {law}",
    "; the corpus records it from {date}": "; el corpus la registra desde el {date}",
    "; in force since {date}": "; vigente desde el {date}",
    "; it comes into force on {date}": "; entra en vigor el {date}",
    "(repealed)": "(derogado)",
    "{article}, version from {date}": "{article}, versión desde el {date}",
    "adopted": "adoptado",
    "published": "publicado",
    "penalty unchanged": "pena sin cambios",
    "no offence in force": "ningún delito vigente",
    "aggravated": "agravado",
    "Note:": "Nota:",
    "unverified": "sin verificar",
    "why:": "por qué:",
    "(not in force on this date)": "(no vigente en esta fecha)",
    "any offence": "cualquier delito",
    "offences covered by treaties": "delitos previstos en tratados",
    "basis: {nexus}": "fundamento: {nexus}",
    "{who}, says:": "{who}, dice:",
    "The statute:": "La ley:",
    "Authoritative:": "Prevalece:",
    "statute": "ley",
    "the source": "la fuente",
    "(optional)": "(facultativo)",
    "Conduct:": "Conducta:",
    "victims {age}": "víctimas: {age}",
    "Basis:": "Fundamento:",
    "(as of {date})": "(al {date})",
    "as of {date}": "al {date}",
    # a State's standing
    "A benchmark (an advocacy or model-law yardstick), not a binding instrument": (
        "Un referente (un estándar de incidencia o ley modelo), no un instrumento vinculante"
    ),
    " since {date}": " desde el {date}",
    "{status}{since} ({binding})": "{status}{since} ({binding})",
    "{state} on this date: {said}": "{state} en esta fecha: {said}",
    # penalties by conduct, across States
    "offences in force in {states} on {date}": "delitos vigentes en {states} al {date}",
    "offences in force on {date}": "delitos vigentes al {date}",
    "no offence in force on this date covers this conduct": "ningún delito vigente en esta fecha abarca esta conducta",
    "victim {age}": "víctima: {age}",
    "; only if {conditions}": "; solo si {conditions}",
    "{years} years": "{years} años",
    "limitation:": "prescripción:",
    "prescribes in {period}": "prescribe en {period}",
    "period not recorded": "plazo no registrado",
    "no limitation period recorded for this penalty": "no se registra plazo de prescripción para esta pena",
    ", counted from the victim's majority at the earliest": (
        ", contado a lo más temprano desde la mayoría de edad de la víctima"
    ),
    "extradition,": "extradición,",
    "requests made by the State": "solicitudes hechas por el Estado",
    "requests to the State": "solicitudes al Estado",
    "not met": "no cumplido",
    "no custodial penalty": "sin pena privativa de libertad",
    "the law of {date} side by side": "el derecho al {date}, lado a lado",
    "(ranges in years; how each prescribes)": "(rangos en años; cómo prescribe cada uno)",
    "no offence recorded in the corpus": "ningún delito registrado en el corpus",
    "(and {n} on which they stand alike)": "(y {n} en que coinciden)",
    "Each cell's findings and evidence:": "Los hallazgos y la evidencia de cada celda:",
    # search, validate
    "{folder} holds {provisions} provisions ({versions} versions), {instruments} instruments, "
    "{requirements} requirements and {sources} sources; no problems found.": (
        "{folder} contiene {provisions} disposiciones ({versions} versiones), {instruments} instrumentos, "
        "{requirements} requisitos y {sources} fuentes; sin problemas."
    ),
    # gaps, coverage, matrix
    "Gaps as of {date}": "Brechas al {date}",
    "{n} findings": "{n} hallazgos",
    "1 finding": "1 hallazgo",
    " (also {labels})": " (también {labels})",
    "Requirement:": "Requisito:",
    "{review} recommendation:": "Recomendación del {review}:",
    "corpus": "corpus",
    "Recommendation:": "Recomendación:",
    "The corpus records none of the national law on {date}: it cannot assess the requirements on this date.": (
        "El corpus no registra nada del derecho nacional al {date}: no puede evaluar los requisitos en esta fecha."
    ),
    "Not assessable on {date}": "No evaluable al {date}",
    "the law then is not recorded": "el derecho de entonces no está registrado",
    "not recorded:": "no registrado:",
    "requirements against the law of {date}": "requisitos frente al derecho al {date}",
    "the law of {date}": "el derecho al {date}",
    "The corpus records none of the law of {state} on {date}.": "El corpus no registra nada del derecho de {state} al {date}.",
    "what the cells rest on": "en qué se basan las celdas",
    # compare
    "What changed from {start} to {end}": "Qué cambió del {start} al {end}",
    " (the text it amended is not recorded)": " (el texto que modificó no está registrado)",
    "by {laws}": "por {laws}",
    "from {date}": "desde el {date}",
    # the horizon
    "(recorded from {date})": "(registrada desde el {date})",
    "Not recorded on this date:": "No registradas en esta fecha:",
    "What they said then is not in the corpus, so this answer may be incomplete.": (
        "Lo que decían entonces no está en el corpus, así que esta respuesta puede estar incompleta."
    ),
    # age
    "What protects a child of {age} on {date}": "Qué protege a un niño, niña o adolescente de {age} años al {date}",
    "What protects a person of {age} on {date}": "Qué protege a una persona de {age} años al {date}",
    "no offence recorded for this date protects this age": "ningún delito registrado para esta fecha protege esta edad",
    "no offence in force protects this age": "ningún delito vigente protege esta edad",
    "aggravated form only": "solo la forma agravada",
    # refs
    "referred to by": "citado por",
    "refers to": "se remite a",
    "({state} on this date)": "({state} en esta fecha)",
    "(cited above: a cycle)": "(citado arriba: un ciclo)",
    "(shown above)": "(mostrado arriba)",
    "(the tree was cut short: it cites too many provisions to show them all)": (
        "(el árbol se recortó: cita demasiadas disposiciones para mostrarlas todas)"
    ),
    # extradition
    "Extradition for {label}": "Extradición por {label}",
    "the corpus does not record this provision's text on this date (recorded from {date})": (
        "el corpus no registra el texto de esta disposición en esta fecha (registrado desde el {date})"
    ),
    "no offence of this provision is in force on this date ({state})": (
        "ningún delito de esta disposición está vigente en esta fecha ({state})"
    ),
    "(does not govern facts of this date)": "(no rige hechos de esta fecha)",
    # recommendations (render/text.py)
    "By {states}": "De {states}",
    "Recommending State not recorded": "Estado recomendante no registrado",
    ", accepted": ", aceptada",
    ", noted (not accepted)": ", tomada en cuenta (no aceptada)",
    " Met on {date}.": " Cumplida el {date}.",
    # why an offence is or is not extraditable (extradition)
    "minimum penalty": "pena mínima",
    "maximum penalty": "pena máxima",
    "penalty in any of its degrees": "pena en cualquiera de sus grados",
    "midpoint of the penalty": "media de la pena",
    "penalty": "pena",
    "half of {low} + {high}": "la mitad de {low} + {high}",
    "is more than": "es superior a",
    "is not more than": "no es superior a",
    "is at least": "es igual o superior a",
    "is less than": "es inferior a",
    "the {bound} ({value}) {verb} {limit}": "la {bound} ({value}) {verb} {limit}",
    "not applicable on this date ({standing})": "no aplicable en esta fecha ({standing})",
    "the conduct must also be an offence in the requesting State (double criminality)": (
        "la conducta debe ser también delito en el Estado requirente (doble incriminación)"
    ),
    "some of these terms are unverified: {reasons}": "algunas de estas condiciones no están verificadas: {reasons}",
}
