"""Spanish for es_report (English text -> Spanish text; see lawbase/i18n/__init__.py): the gap
list's titles (lawbase/gaps/wording.py), the Markdown submission and the CSV headers."""

MESSAGES: dict[str, str] = {
    # finding titles (lawbase/gaps/wording.py)
    "the courts of {state}": "tribunales de {state}",
    "{a} and {b}": "{a} y {b}",
    "{a} or {b}": "{a} o {b}",
    "the offences of {provisions}": "los delitos del {provisions}",
    "criterion": "criterio",
    "The law of {state} contains no offence of {conduct}": "La legislación de {state} no tipifica como delito {conduct}",
    "The law of {state} makes {conduct} an offence only in part": "La legislación de {state} tipifica {conduct} solo en parte",
    "{courts} have no jurisdiction over {subject} committed abroad": (
        "Los {courts} no tienen jurisdicción sobre {subject} en el extranjero"
    ),
    "{courts} have no jurisdiction over {subject} committed abroad {nexus}": (
        "Los {courts} no tienen jurisdicción sobre {subject} en el extranjero {nexus}"
    ),
    "{courts} have only limited jurisdiction over {subject} committed abroad": (
        "Los {courts} tienen solo una jurisdicción limitada sobre {subject} en el extranjero"
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
    # the detail lines of a finding (lawbase/gaps/wording.py)
    "full jurisdiction": "jurisdicción plena",
    "only if offender and victim are both nationals": "solo si autor y víctima son ambos nacionales",
    "only in a restricted case": "solo en un caso restringido",
    "no jurisdiction": "sin jurisdicción",
    "prescribes under the ordinary rules": "prescribe según las reglas ordinarias",
    "prescribes, the period counted from the victim's 18th birthday": (
        "prescribe, contándose el plazo desde que la víctima cumple 18 años"
    ),
    "imprescriptible": "imprescriptible",
    "an offence": "es delito",
    "an offence only under conditions": "es delito solo bajo ciertas condiciones",
    "not an offence": "no es delito",
    "children aged {a} and over": "niños de {a} años o más",
    "children under {n}": "niños menores de {n} años",
    "children aged {a}–{b}": "niños de {a} a {b} años",
    "children aged {a}": "niños de {a} años",
    "(through other offences)": "(mediante otros delitos)",
    "Conducts: {list}": "Conductas: {list}",
    # the Markdown submission (lawbase/render/markdown.py)
    "A benchmark, not a binding instrument": "Un estándar de referencia, no un instrumento vinculante",
    "Binding on {state} since {date}": "Vinculante para {state} desde el {date}",
    "Binding on {state}": "Vinculante para {state}",
    "signed": "firmado",
    "ratified": "ratificado",
    "acceded": "adhesión",
    "in force": "vigente",
    "promulgated": "promulgado",
    "published": "publicado",
    "not a party": "no es parte",
    "withdrawn": "denunciado",
    "{state}: {step}{since}; its entry into force for it is not recorded": (
        "{state}: {step}{since}; no consta su entrada en vigor para este Estado"
    ),
    "{state}: {step}{since}; not binding on it": "{state}: {step}{since}; no le es vinculante",
    "Not assessable on this date": "No evaluable en esta fecha",
    "For these requirements the corpus does not record the law that bore on them on {date}; no finding is stated.": (
        "Para estos requisitos el corpus no registra el derecho aplicable al {date}; no se formula hallazgo alguno."
    ),
    "{label} (recorded from {date})": "{label} (registrado desde el {date})",
    "not recorded: {what}": "no registrado: {what}",
    "Generated by lawbase {version} from its sourced corpus, as the law stood on {date}.": (
        "Generado por lawbase {version} a partir de su corpus con fuentes, según el derecho vigente al {date}."
    ),
    "The sources cited were last checked on {date}.": "Las fuentes citadas se verificaron por última vez el {date}.",
    "The law as it stood on {date}.": "El derecho vigente al {date}.",
    "Every statement below is footnoted to the provision version or source it rests on.": (
        "Cada afirmación lleva una nota al pie con la versión de la disposición o la fuente en que se funda."
    ),
    "The corpus records none of the national law as it stood on {date}, so it cannot assess the requirements on this date.": (
        "El corpus no registra el derecho nacional vigente al {date}, por lo que no puede evaluar los requisitos en esa fecha."
    ),
    "No gap was found against the requirements assessed.": "No se encontraron brechas respecto de los requisitos evaluados.",
    "Findings": "Hallazgos",
    "Treaty obligations": "Obligaciones de tratados",
    "Benchmarks": "Estándares de referencia",
    "These findings measure the law against benchmarks (NGO checklists and recommendations), not binding obligations.": (
        "Estos hallazgos comparan el derecho con estándares de referencia (listas de verificación y recomendaciones "
        "de ONG), no con obligaciones vinculantes."
    ),
    "Sources": "Fuentes",
    "Gap": "Brecha",
    "Partly met": "Cumplido en parte",
    "Summary": "Resumen",
    "{n} findings: {gaps} gaps and {partial} requirements met only in part; {binding} concern treaty obligations, {benchmarks} benchmarks.": (
        "{n} hallazgos: {gaps} brechas y {partial} requisitos cumplidos solo en parte; {binding} se refieren a "
        "obligaciones convencionales y {benchmarks} a estándares de referencia."
    ),
    "Finding": "Hallazgo",
    "Status": "Estado",
    "Requirement": "Requisito",
    "internal consistency": "coherencia interna",
    "{label}, text in force from {start} to {end} ({law})": "{label}, texto vigente del {start} al {end} ({law})",
    "{label}, text in force from {start} ({law})": "{label}, texto vigente desde el {start} ({law})",
    "(optional)": "(facultativo)",
    "Requirement.": "Requisito.",
    "Also required by: {list}.": "También lo exigen: {list}.",
    "{review} recommendation.": "Recomendación del {review}.",
    "Finding ({status}).": "Hallazgo ({status}).",
    "The law in force on {date}:": "El derecho vigente al {date}:",
    "Recommendation.": "Recomendación.",
    "not checked against the primary text": "no cotejado con el texto original",
    "Unverified: {reason}": "No verificado: {reason}",
    # CSV headers and words (lawbase/render/table_csv.py)
    "as_of": "fecha",
    "id": "id",
    "status": "estado",
    "rule": "regla",
    "title": "título",
    "requirement": "requisito",
    "instrument_status": "situación del instrumento",
    "conduct": "conducta",
    "evidence": "fundamento",
    "recommendation": "recomendación",
    "sources": "fuentes",
    "recommendations_made": "recomendaciones formuladas",
    "instrument": "instrumento",
    "jurisdiction": "jurisdicción",
    "findings": "hallazgos",
    "summary": "resumen",
    "shortfalls": "deficiencias",
    "provision": "disposición",
    "offence": "delito",
    "victim_age": "edad de la víctima",
    "penalty": "pena",
    "range": "rango",
    "class": "clase",
    "version_from": "versión desde",
    "law": "ley",
    "limitation": "prescripción",
    "gap": "brecha",
    "partly met": "cumplido en parte",
    "met": "cumplido",
    "not assessable": "no evaluable",
    "not assessed": "no evaluado",
    "not recorded": "no registrado",
    "full": "pleno",
    "only under conditions": "solo bajo condiciones",
    "benchmark": "estándar de referencia",
    "{label} (text of {date})": "{label} (texto del {date})",
    "{name}, aggravated": "{name}, agravado",
    "counted from the victim's 18th birthday": "contada desde que la víctima cumple 18 años",
    "ordinary rules": "reglas ordinarias",
    "by a national": "por un nacional",
    "by a resident": "por un residente",
    "against a national": "contra un nacional",
    "no step recorded": "sin actos registrados",
    "approved": "aprobado",
    "terminated": "terminado",
    "national law": "derecho nacional",
    # recommendations (lawbase/gaps/wording.py)
    "the offence of {name} ({provision})": "el delito de {name} ({provision})",
    "Make {conduct} an offence for all {who}, without further conditions.": (
        "Tipificar como delito {conduct} respecto de todos los {who}, sin otras condiciones."
    ),
    "Make {conduct} an offence for all {who}, without requiring force, abuse or other conditions.": (
        "Tipificar como delito {conduct} respecto de todos los {who}, sin exigir fuerza, abuso ni otras condiciones."
    ),
    "Give {courts} jurisdiction over {offence} committed abroad {nexus}.": (
        "Otorgar a los {courts} jurisdicción sobre {offence} cometido en el extranjero {nexus}."
    ),
    "Make {offence} imprescriptible when the victim was a child, or at least count the period from the victim's 18th birthday.": (
        "Declarar imprescriptible {offence} cuando la víctima era menor de edad o, al menos, contar el plazo desde "
        "que la víctima cumple 18 años."
    ),
    "Make {offence} imprescriptible when the victim was a child.": (
        "Declarar imprescriptible {offence} cuando la víctima era menor de edad."
    ),
    "Raise the penalty of {offence} or lower the threshold so that the offence is extraditable.": (
        "Elevar la pena de {offence} o reducir el umbral, de modo que el delito sea extraditable."
    ),
    "Set the minimum age for marriage at 18 without exception and make marriages of minors void.": (
        "Fijar la edad mínima para contraer matrimonio en 18 años, sin excepciones, y declarar nulos los matrimonios de menores."
    ),
    "Remove the double-criminality requirement for sexual offences against children, in the law and in treaty practice.": (
        "Suprimir la exigencia de doble incriminación para los delitos sexuales contra niños, en la ley y en la práctica "
        "de los tratados."
    ),
    "Extend the liability of legal persons to {provisions}.": "Extender la responsabilidad de las personas jurídicas a {provisions}.",
    "Repeal {provision}: the same conduct may not be treated differently by the sex of those involved.": (
        "Derogar el {provision}: una misma conducta no puede recibir un trato distinto según el sexo de los involucrados."
    ),
    "Amend {provision} so that it cites the provisions now in force.": (
        "Modificar el {provision} para que remita a las disposiciones vigentes."
    ),
    "Adopt a provision that does this: {what}": "Adoptar una disposición que haga lo siguiente: {what}",
    # the matrix (lawbase/render/markdown.py)
    "Requirements × States: {states}": "Requisitos × Estados: {states}",
    "The law of each State as it stood on {date}, assessed by lawbase's gap rules. A cell gives the worst status of the findings about that requirement; its notes give the findings and the provision versions they rest on.": (
        "El derecho de cada Estado vigente al {date}, evaluado con las reglas de brechas de lawbase. Cada celda "
        "indica el peor estado de los hallazgos sobre ese requisito; sus notas indican los hallazgos y las "
        "versiones de las disposiciones en que se fundan."
    ),
    "The corpus records none of {state}'s law on {date}: its cells are not recorded.": (
        "El corpus no registra el derecho de {state} al {date}: sus celdas no están registradas."
    ),
    "Met": "Cumplido",
    "Not recorded": "No registrado",
    "Not assessed": "No evaluado",
    "Notes": "Notas",
    "(version in force from {date})": "(versión vigente desde el {date})",
    "as it bears on {conducts}": "en lo que respecta a {conducts}",
    # the evidence lines of the findings (lawbase/gaps/*): what each provision version shows
    " only if: {conditions}": " solo si: {conditions}",
    "{name}: protects {children}{only_if}": "{name}: protege a {children}{only_if}",
    "{name}: also punishes {conduct} against {children}{only_if} ({why})": "{name}: también sanciona {conduct} contra {children}{only_if} ({why})",
    "the law in force on {date} contains no offence of {conduct}": "la legislación vigente al {date} no tipifica como delito {conduct}",
    "children of any age": "niños de cualquier edad",
    "{name}: {penalty} ({range}), only if of the same sex": "{name}: {penalty} ({range}), solo si son del mismo sexo",
    "the offence carries {range}": "el delito tiene asignada una pena de {range}",
    "{rule}: met": "{rule}: se cumple",
    "{rule}: not met": "{rule}: no se cumple",
    "requires double criminality": "exige doble incriminación",
    "requires double criminality; an offence is extraditable when its {bound} is {comparison} {limit}": "exige doble incriminación; un delito da lugar a extradición cuando su {bound} es {comparison} {limit}",
    "more than": "superior a",
    "at least": "de al menos",
    "cites {target}, repealed in {year} by {law}": "remite al {target}, derogado en {year} por la {law}",
    "cites {target}, repealed in {year}": "remite al {target}, derogado en {year}",
    "cites {target}, which had not yet come into force on {date}": "remite al {target}, que aún no había entrado en vigor el {date}",
    "{target} was repealed on {date} by {law}": "el {target} fue derogado el {date} por la {law}",
    "{provision} (recorded from {date})": "{provision} (registrado desde el {date})",
    "the corpus does not record what {names} said on {date}": "el corpus no registra qué decía {names} el {date}",
    "claims to meet this requirement": "se presenta como cumplimiento de este requisito",
    "no provision in force on the date is recorded as meeting this requirement": "no consta ninguna disposición vigente en la fecha que cumpla este requisito",
    "the offence: {name}, {conduct}": "el delito: {name}, {conduct}",
    "{part} ({nexus})": "{part} ({nexus})",
    "{nexus}": "{nexus}",
    "{part} ({nexus}): {restriction}": "{part} ({nexus}): {restriction}",
    "{nexus}: {restriction}": "{nexus}: {restriction}",
    "no rule making legal persons liable for these offences is recorded as in force on {date}": "no consta ninguna norma vigente al {date} que haga responsables a las personas jurídicas por estos delitos",
    "the offence: {name}": "el delito: {name}",
    "minimum age for marriage: {age}": "edad mínima para contraer matrimonio: {age} años",
    "Met: nothing in force on the date falls short of it": "Cumplido: nada de lo vigente en la fecha incumple este requisito",
}
