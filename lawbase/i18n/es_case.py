"""Spanish for `lawbase case` (English text -> Spanish text; see lawbase/i18n/__init__.py): the
steps of lawbase/case.py, and the terminal and Markdown answers."""

MESSAGES: dict[str, str] = {
    # what the corpus cannot decide (lawbase/case.py)
    "The sentence within the range (the mitigating and aggravating circumstances, and the rules "
    "that set the sentence from them) is not computed.": (
        "No se determina la pena dentro del marco (las circunstancias atenuantes y agravantes, y las reglas "
        "que fijan la pena a partir de ellas)."
    ),
    "Participation, attempt and concurrence of offences are not modelled: the answer is for one consummated offence by its author.": (
        "No se modelan la participación, la tentativa ni el concurso de delitos: la respuesta es para un "
        "delito consumado por su autor."
    ),
    "The corpus does not record this article's text on the date of the facts.": (
        "El corpus no registra el texto de este artículo en la fecha de los hechos."
    ),
    "The article was repealed before the date of the facts: no penalty can come from it.": (
        "El artículo fue derogado antes de la fecha de los hechos: no puede fundar pena alguna."
    ),
    "The article came into force on {date}, after the facts: no penalty can come from it "
    "(a penalty needs a law promulgated before the offence).": (
        "El artículo entró en vigencia el {date}, después de los hechos: no puede fundar pena alguna "
        "(la pena requiere una ley promulgada antes del delito)."
    ),
    "No offence of this article was in force on the date of the facts.": (
        "Ningún delito de este artículo estaba vigente en la fecha de los hechos."
    ),
    "The victim's age is not given (--victim-born): the offence needs a victim aged {band}.": (
        "No se indicó la edad de la víctima (--victim-born): el delito exige una víctima de {band}."
    ),
    "The article was repealed after the facts and the corpus records no offence that "
    "took over its conduct: whether the act still carries a penalty is not decided.": (
        "El artículo fue derogado después de los hechos y el corpus no registra un delito que recoja su "
        "conducta: no se decide si el hecho sigue teniendo pena."
    ),
    "A later law makes the penalty lighter in one respect and heavier in another: which is more lenient is for the court to weigh.": (
        "Una ley posterior hace la pena más leve en un aspecto y más grave en otro: cuál es más favorable "
        "lo pondera el tribunal."
    ),
    "The most lenient law ({date}) was no longer in force at the judgment: whether "
    "such an intermediate law governs is not decided by the corpus.": (
        "La ley más favorable ({date}) ya no estaba vigente al dictarse la sentencia: el corpus no decide "
        "si rige esa ley intermedia."
    ),
    "A later law is more lenient, but the corpus records no rule on later laws for this State: the law of the facts is shown.": (
        "Una ley posterior es más favorable, pero el corpus no registra la regla de este Estado sobre la "
        "ley posterior: se muestra la ley de los hechos."
    ),
    "Imprescriptible only if the victim was under {age} at the facts: give --victim-born.": (
        "Imprescriptible solo si la víctima tenía menos de {age} años a la fecha de los hechos: indique "
        "--victim-born."
    ),
    "No limitation period recorded for this penalty's class on the date of the facts.": (
        "No hay plazo de prescripción registrado para la clase de esta pena en la fecha de los hechos."
    ),
    "The period runs from the victim's 18th birthday: give --victim-born for the day it runs out.": (
        "El plazo corre desde que la víctima cumple 18 años: indique --victim-born para saber cuándo vence."
    ),
    "Suspension and interruption of the limitation period are not modelled: compare the day it "
    "runs out with the day proceedings were brought against the accused.": (
        "No se modelan la suspensión ni la interrupción de la prescripción: compare el día en que vence "
        "el plazo con el día en que el procedimiento se dirigió contra el imputado."
    ),
    "For a victim of this age {label} also punishes this conduct, for fewer ages ({penalty}): "
    "a special offence prevails where its elements are met; check the case under it.": (
        "Para una víctima de esta edad, el {label} también sanciona esta conducta, para un tramo de edad "
        "más estrecho ({penalty}): el delito especial prevalece si concurren sus elementos; consulte el "
        "caso según ese artículo."
    ),
    "If the facts met only this condition, {condition}, the law of {date} punishes them with "
    "{penalty}, more lenient than the law of the facts: the lenient-law rule would apply it.": (
        "Si los hechos reunían solo esta condición, {condition}, la ley del {date} los sanciona con "
        "{penalty}, de modo más favorable que la ley de los hechos: la regla de la ley más favorable la "
        "haría aplicable."
    ),
    # the steps (lawbase/case.py)
    "on the date of the facts the offence is {name}, punished with {penalty}": (
        "en la fecha de los hechos el delito es {name}, sancionado con {penalty}"
    ),
    "the victim was {age}; this offence needs a victim aged {band}": (
        "la víctima tenía {age} años; este delito exige una víctima de {band}"
    ),
    "repealed with no later offence recorded for this conduct": (
        "derogado, sin un delito posterior registrado para esta conducta"
    ),
    "repealed; the conduct passes to another article (below)": (
        "derogado; la conducta pasa a otro artículo (abajo)"
    ),
    "{how}: {name}, punished with {penalty}": "{how}: {name}, sancionado con {penalty}",
    "takes over the conduct: {rule}": "recoge la conducta: {rule}",
    "{a} or over": "{a} años o más",
    "of any age": "cualquier edad",
    "{a} to {b}": "{a} a {b} años",
    "more lenient": "más favorable",
    "harsher": "más gravosa",
    "the same penalty": "la misma pena",
    "lighter in one respect, heavier in another": "más leve en un aspecto, más grave en otro",
    # the answer's words (lawbase/render/text.py, terminal.py, markdown.py)
    "version {start} → {until}, {law}": "versión {start} → {until}, {law}",
    "imprescriptible if the victim was a minor at the facts": (
        "imprescriptible si la víctima era menor de edad a la fecha de los hechos"
    ),
    "imprescriptible: the action does not prescribe": "imprescriptible: la acción penal no prescribe",
    "no period recorded": "sin plazo registrado",
    "from the victim's 18th birthday ({date})": "desde que la víctima cumple 18 años ({date})",
    "from the victim's 18th birthday": "desde que la víctima cumple 18 años",
    "from the day of the facts ({date})": "desde el día de los hechos ({date})",
    "{period}, counted {start}": "{period}, contados {start}",
    "the judgment ({date}) falls within it": "la sentencia ({date}) queda dentro del plazo",
    "the judgment ({date}) comes after it": "la sentencia ({date}) es posterior al vencimiento",
    "runs out on {date}": "vence el {date}",
    "repealed, no later offence recorded": "derogado, sin un delito posterior registrado",
    "rewritten; which offence these facts fall under is not recorded": (
        "modificado; no se registra en qué delito quedan comprendidos estos hechos"
    ),
    "the article was rewritten: which of its offences these facts fall under is not recorded": (
        "el artículo fue modificado: no se registra en cuál de sus delitos quedan comprendidos estos hechos"
    ),
    "A later version rewrote the article and the corpus cannot tell which of its offences these facts "
    "fall under: compare that version by hand.": (
        "Una versión posterior modificó el artículo y el corpus no puede determinar en cuál de sus delitos "
        "quedan comprendidos estos hechos: compare esa versión directamente."
    ),
    "{how}: {name} in its aggravated form (the conditions the facts needed), punished with {penalty}": (
        "{how}: {name} en su forma agravada (las condiciones que exigían los hechos), sancionado con {penalty}"
    ),
    "(aggravated form)": "(forma agravada)",
    "(this law left its penalty as it was)": "(esta ley no modificó su pena)",
    "repealed; the conduct passes to another article": "derogado; la conducta pasa a otro artículo",
    "The case under {label}": "El caso según el {label}",
    "facts of {facts}, judged on {judgment}": "hechos del {facts}, juzgados el {judgment}",
    "Victim born {date}: {age} at the facts": "Víctima nacida el {date}: {age} años a la fecha de los hechos",
    "On the date of the facts: {state}": "En la fecha de los hechos: {state}",
    "Offences in force then with the same conduct (to look at, not a finding that they apply):": (
        "Delitos vigentes entonces con la misma conducta (para examinar, no una conclusión de que se apliquen):"
    ),
    "the victim's age is outside this offence's band": "la edad de la víctima queda fuera del tramo de este delito",
    "At the facts:": "A la fecha de los hechos:",
    "Later laws up to the judgment": "Leyes posteriores hasta la sentencia",
    "none: the law of the facts is the law of the judgment": "ninguna: la ley de los hechos es la de la sentencia",
    "(takes over the conduct)": "(recoge la conducta)",
    "a more lenient later law": "una ley posterior más favorable",
    "the law of the facts": "la ley de los hechos",
    "Governing law:": "Ley aplicable:",
    "Aggravations, if their facts are proven": "Agravantes, si se prueban sus hechos",
    "Limitation:": "Prescripción:",
    "Extradition": "Extradición",
    "What decides each step": "Qué decide cada paso",
    "What the corpus cannot decide": "Lo que el corpus no puede decidir",
    "{label}: the law that applies to facts of {facts}, judged on {judgment}": (
        "{label}: la ley aplicable a hechos del {facts}, juzgados el {judgment}"
    ),
    "Prepared with lawbase from the dated corpus; each footnote names the official text.": (
        "Preparado con lawbase a partir del corpus fechado; cada nota al pie indica el texto oficial."
    ),
    # lawbase check (lawbase/check.py, terminal.py, markdown.py)
    "{label} is not in force on {date} ({state})": "el {label} no está vigente el {date} ({state})",
    "{label} punishes no such conduct on {date}": "el {label} no sanciona esa conducta el {date}",
    "{label} punishes no such conduct on {date}: {other} does, with {penalty}": (
        "el {label} no sanciona esa conducta el {date}: la sanciona el {other}, con {penalty}"
    ),
    "no rule extending jurisdiction abroad is in force on {date}": (
        "no hay una regla vigente el {date} que extienda la jurisdicción al extranjero"
    ),
    "{named} extends jurisdiction to some offences committed abroad (in force on {date})": (
        "el {named} extiende la jurisdicción a algunos delitos cometidos en el extranjero (vigente el {date})"
    ),
    "{named} extend jurisdiction to some offences committed abroad (in force on {date})": (
        "los {named} extienden la jurisdicción a algunos delitos cometidos en el extranjero (vigentes el {date})"
    ),
    "no offence of this conduct is in force on {date}": "no hay un delito vigente con esta conducta el {date}",
    "{label} punishes it, with {penalty}": "el {label} la sanciona, con {penalty}",
    "(the text should say: {words})": "(el texto debería decir: {words})",
    "(recorded on a report making this claim: {why})": "(registrado sobre un informe que hace esta afirmación: {why})",
    "Claims checked against the law on {date}: {n} (agree: {a}; contradict: {x}; cannot tell: {u})": (
        "Afirmaciones contrastadas con la ley vigente el {date}: {n} (concuerdan: {a}; la contradicen: {x}; "
        "no se puede determinar: {u})"
    ),
    "The claims of {file}, checked against the law on {date}": (
        "Las afirmaciones de {file}, contrastadas con la ley vigente el {date}"
    ),
    "line {n}": "línea {n}",
    "{n} claim(s) contradict the law on {date}": "{n} afirmación(es) contradicen la ley vigente el {date}",
    "Claims the law contradicts": "Afirmaciones que la ley contradice",
    "Claims the corpus cannot tell": "Afirmaciones que el corpus no permite determinar",
    "Claims the law bears out": "Afirmaciones que la ley confirma",
    "agrees": "concuerda",
    "contradicts": "contradice",
    "cannot tell": "no se puede determinar",
    "a list of the claims with footnotes": "una lista de las afirmaciones con notas al pie",
    # --overlay (lawbase/overlay.py)
    "HYPOTHETICAL: answered as if the bill {reference} were law from {date}. It is not law in force; "
    "the versions it makes, from that date, exist only in the bill.": (
        "HIPOTÉTICO: respuesta como si el proyecto {reference} fuera ley desde el {date}. No es derecho "
        "vigente; las versiones que crea, desde esa fecha, existen solo en el proyecto."
    ),
    "What the bill would change in this list": "Lo que el proyecto cambiaría en esta lista",
    "it would close": "cerraría",
    "it would open": "abriría",
    "it would change": "modificaría",
    "it would change no finding of the gap list": "no modificaría ningún hallazgo de la lista",
    "partly met": "cumplido en parte",
}
