"""Spanish for es_report (English text -> Spanish text; see lawbase/i18n/__init__.py): the gap
list's titles (lawbase/gaps/wording.py), the Markdown submission and the CSV headers."""

MESSAGES: dict[str, str] = {
    # finding titles (lawbase/gaps/wording.py)
    "the courts of {state}": "los tribunales de {state}",
    "{a} and {b}": "{a} y {b}",
    "{a} or {b}": "{a} o {b}",
    "the offences of {provisions}": "los delitos del {provisions}",
    "criterion": "criterio",
    "The law of {state} contains no offence of {conduct}": "La legislación de {state} no tipifica como delito {conduct}",
    "The law of {state} makes {conduct} an offence only for some children or only under conditions": (
        "La legislación de {state} tipifica {conduct} solo respecto de algunos niños o solo bajo ciertas condiciones"
    ),
    "{courts} have no jurisdiction over {subject} committed abroad when {nexus}": (
        "{courts} carecen de jurisdicción sobre {subject} cometido en el extranjero cuando {nexus}"
    ),
    "{courts} have only limited jurisdiction over {subject} committed abroad": (
        "{courts} tienen solo una jurisdicción limitada sobre {subject} cometido en el extranjero"
    ),
    "{subject}: prosecution is time-barred under the ordinary limitation rules": (
        "{subject}: la acción penal prescribe según las reglas ordinarias de prescripción"
    ),
    "{subject}: the limitation period runs from the victim's 18th birthday, but still runs": (
        "{subject}: la prescripción se cuenta desde que la víctima cumple 18 años, pero sigue corriendo"
    ),
    "No provision of the law of {state} meets {requirement}": "Ninguna disposición de la legislación de {state} cumple {requirement}",
    "Children may marry from age {age}": "Los niños pueden contraer matrimonio desde los {age} años",
    "Extradition for sexual offences against children still depends on double criminality": (
        "La extradición por delitos sexuales contra niños sigue dependiendo de la doble incriminación"
    ),
    "{provision} punishes sexual conduct with a minor only when both are of the same sex": (
        "El {provision} sanciona la conducta sexual con un menor solo cuando ambos son del mismo sexo"
    ),
    "{provision} still cites {target}, which is no longer in force": (
        "El {provision} sigue remitiendo al {target}, que ya no está vigente"
    ),
    "No liability of legal persons for {provisions}": "No hay responsabilidad penal de las personas jurídicas por {provisions}",
    "{subject}: not extraditable under every threshold that applies": (
        "{subject}: no es extraditable según todos los umbrales aplicables"
    ),
    # the rules' headings (lawbase/gaps/*.py), for findings met or not assessable
    "Extradition without double criminality": "Extradición sin doble incriminación",
    "{Label} as an offence": "{Label} como delito",
    "Extraditability of {label}": "Extraditabilidad: {label}",
    "Extraterritorial jurisdiction over {label}": "Jurisdicción extraterritorial: {label}",
    "Liability of legal persons": "Responsabilidad de las personas jurídicas",
    "Limitation of {label}": "Prescripción: {label}",
    "The minimum age for marriage": "La edad mínima para contraer matrimonio",
}
