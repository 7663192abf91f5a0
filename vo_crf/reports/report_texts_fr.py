"""The French texts of the reports, keyed by their English (see vo_crf.reports.report_texts).

``{name}`` placeholders are filled by the report; a test checks that each French text has the
same ones as its English and that every text a report builder asks for is here. French
typography: a space before ``:`` and ``;`` is kept as in the GUI's translation.
"""

from __future__ import annotations

FRENCH: dict[str, str] = {
    # every PDF: running header, footer, record status
    "Patient {record}": "Patient {record}",
    "Record {record}": "Dossier {record}",
    "Generated {moment} by {user} · database {database} · definition v{version} · "
    "vo-crf {app}": "Généré le {moment} par {user} · base {database} · définition "
                    "v{version} · vo-crf {app}",
    "page {number} of {total}": "page {number} sur {total}",
    "Record status": "Statut du dossier",
    "No form of this record has been saved yet.":
        "Aucun formulaire de ce dossier n'a encore été enregistré.",
    "Event": "Événement",
    "Form": "Formulaire",
    "Status": "Statut",
    "Verified by / at": "Vérifié par / le",
    "Locked by / at": "Verrouillé par / le",
    "E-signed by / at": "Signé électroniquement par / le",
    "Incomplete": "Incomplet",
    "Unverified": "Non vérifié",
    "Complete": "Complet",
    # the timeline PDF
    "Patient {record} — timeline": "Patient {record} — chronologie",
    "{count} patients — timeline": "{count} patients — chronologie",
    "{count} records — timeline": "{count} dossiers — chronologie",
    "{count} records": "{count} dossiers",
    "{study} — patient timeline": "{study} — chronologie du patient",
    "Timeline: antibiotic courses, inflammation markers and visits":
        "Chronologie : antibiothérapies, marqueurs de l'inflammation et visites",
    "Site": "Centre",
    "Age": "Âge",
    "{age} years": "{age} ans",
    "Sex": "Sexe",
    "Organism": "Germe",
    "Spinal segment": "Étage rachidien",
    " ({count} levels)": " ({count} niveaux)",
    "Diagnosis": "Diagnostic",
    "Last follow-up": "Dernier suivi",
    "Comorbidities": "Comorbidités",
    "Visits": "Visites",
    "undated": "non datée",
    ", day {day}": ", jour {day}",
    "Not drawn (recorded as missing): {notes}.":
        "Non tracé (saisi comme manquant) : {notes}.",
    "{marker} at {visit}: {label}": "{marker} à {visit} : {label}",
    "Biology by visit": "Biologie par visite",
    "No biology recorded.": "Aucune biologie saisie.",
    "Visit": "Visite",
    "Day": "Jour",
    "Imaging findings": "Imagerie : signes observés",
    "No imaging recorded.": "Aucune imagerie saisie.",
    "Finding": "Signe",
    "Modality": "Modalité",
    "present": "présent",
    "absent": "absent",
    "not assessable": "non évaluable",
    "Legend: ● present · ○ absent · ⊘ not assessable · – not recorded "
    "(e.g. vertebral oedema needs MRI).":
        "Légende : ● présent · ○ absent · ⊘ non évaluable · – non saisi "
        "(p. ex. l'œdème vertébral demande une IRM).",
    "<b>{visit}</b> radiologist: {text}": "<b>{visit}</b> radiologue : {text}",
    "Clinical examination by visit": "Examen clinique par visite",
    "No clinical examination recorded.": "Aucun examen clinique saisi.",
    "Outcome": "Évolution",
    "Infection cured": "Guérison de l'infection",
    "Relapse": "Rechute",
    "Sequelae": "Séquelles",
    "Total antibiotic treatment": "Antibiothérapie totale",
    "Follow-up since diagnosis": "Suivi depuis le diagnostic",
    "{count} days": "{count} jours",
    " ({count} course, {iv} days intravenous)": " ({count} cure, {iv} jours par voie "
                                                "intraveineuse)",
    " ({count} courses, {iv} days intravenous)": " ({count} cures, {iv} jours par voie "
                                                 "intraveineuse)",
    "{count} months": "{count} mois",
    # the timeline chart
    "Days since {day_zero}": "Jours depuis {day_zero}",
    "diagnosis": "le diagnostic",
    "Days since {visit} visit": "Jours depuis la visite {visit}",
    "Antibiotics": "Antibiotiques",
    "days {start}–{stop}": "jours {start}–{stop}",
    "from day {start}": "depuis le jour {start}",
    "Intravenous": "Intraveineuse",
    "Oral": "Orale",
    "No biology results recorded": "Aucun résultat biologique saisi",
    # the study figures
    "{study} - study figures": "{study} - figures de l'étude",
    "Figure {number}. {title}": "Figure {number}. {title}",
    "de-identified (pseudonyms)": "désidentifiées (pseudonymes)",
    "identified": "identifiées",
    "{count} patients · {view} · made {date} by vo-crf":
        "{count} patients · {view} · faites le {date} par vo-crf",
    "intravenous": "intraveineuse",
    "oral": "orale",
    "visit": "visite",
    "last visit": "dernière visite",
    "Antibiotic courses and visits of every patient (swimmer plot)":
        "Antibiothérapies et visites de chaque patient (swimmer plot)",
    "One lane per patient, longest follow-up first; bars: antibiotic courses by route "
    "(overlapping courses overlap); dots: dated visits; the bar at the end: the last dated "
    "visit.":
        "Une ligne par patient, le plus long suivi d'abord ; barres : antibiothérapies par "
        "voie (les cures simultanées se chevauchent) ; points : visites datées ; le trait "
        "final : la dernière visite datée.",
    "Imaging findings by visit": "Signes d'imagerie par visite",
    "Bars: % of patients with the finding among those in whom it could be read (present or "
    "absent), as in Table 2; labels: n/N.":
        "Barres : % des patients présentant le signe parmi ceux chez qui il était lisible "
        "(présent ou absent), comme au tableau 2 ; étiquettes : n/N.",
    "one patient": "un patient",
    "median": "médiane",
    "interquartile range": "intervalle interquartile",
    "Biological markers by visit": "Marqueurs biologiques par visite",
    "Grey: each patient's values; red: the median with its interquartile range (quartiles "
    "as R type 7, as Table 4); n: patients with a value at that visit.":
        "Gris : les valeurs de chaque patient ; rouge : la médiane et son intervalle "
        "interquartile (quartiles type 7 de R, comme au tableau 4) ; n : patients ayant une "
        "valeur à cette visite.",
    "{count} not seen": "{count} non vus",
    "Flow of patients through the visits": "Parcours des patients au fil des visites",
    "n: patients with the visit dated; under each arrow, patients of the previous visit "
    "without this one (missed, not yet due, or follow-up ended).":
        "n : patients dont la visite est datée ; sous chaque flèche, les patients de la "
        "visite précédente sans celle-ci (manquée, pas encore due ou suivi terminé).",
    # the record PDF (a study without analysis plan) and the casebook
    "{study} — every event and form": "{study} — chaque événement et formulaire",
    "Field": "Champ",
    "Variable": "Variable",
    "Value": "Valeur",
    "(identifier hidden)": "(identifiant masqué)",
    "Casebook — {name}": "Cahier d'observation — {name}",
    "Casebook — {count} record(s)": "Cahier d'observation — {count} dossier(s)",
    "{study} — every event and form as entered":
        "{study} — chaque événement et formulaire tels que saisis",
    "{form} — <i>not entered</i>": "{form} — <i>non saisi</i>",
    "Status: {status}": "Statut : {status}",
    "verified by {who} on {when}": "vérifié par {who} le {when}",
    "verified by {who}": "vérifié par {who}",
    "locked by {who} on {when}": "verrouillé par {who} le {when}",
    "locked by {who}": "verrouillé par {who}",
    "signed by {who} on {when}": "signé par {who} le {when}",
    "signed by {who}": "signé par {who}",
    "Audit trail": "Piste d'audit",
    "The whole audit trail of the study database was verified intact before this casebook "
    "was printed: hash chain up to head {head} (vo-crf audit verify --extends HEAD checks "
    "that a later database still holds it).":
        "Toute la piste d'audit de la base de l'étude a été vérifiée intacte avant "
        "l'impression de ce cahier : chaîne d'empreintes jusqu'à la tête {head} (vo-crf "
        "audit verify --extends HEAD vérifie qu'une base ultérieure la contient toujours).",
    "No change recorded.": "Aucune modification enregistrée.",
    "When": "Quand",
    "Who": "Qui",
    "Action": "Action",
    "Where": "Où",
    "Old → new": "Ancien → nouveau",
    "Reason": "Motif",
    # the blank CRFs (the patient box of their header, the formats and rules of a field)
    "Patient: ________________": "Patient : ________________",
    "Blank CRF — {patient}": "CRF vierge — {patient}",
    "{study} — blank CRFs": "{study} — CRF vierges",
    "Collected at: {events}": "Recueilli à : {events}",
    "Visit date: ____________    Entered by: ____________    "
    "☐ Incomplete  ☐ Unverified  ☐ Complete":
        "Date de visite : ____________    Saisi par : ____________    "
        "☐ Incomplet  ☐ Non vérifié  ☐ Complet",
    "only if {logic}": "seulement si {logic}",
    "This form has no field.": "Ce formulaire n'a aucun champ.",
    "<font color='#b3261e'>*</font> required": "<font color='#b3261e'>*</font> obligatoire",
    "tick all that apply": "cocher toutes les réponses qui conviennent",
    "tick one": "cocher une seule réponse",
    "(calculated by the software: {calculation})": "(calculé par le logiciel : {calculation})",
    "(file attached in the software)": "(fichier joint dans le logiciel)",
    "whole number": "nombre entier",
    "number with a decimal comma, e.g. 38,5": "nombre avec une virgule décimale, p. ex. 38,5",
    "number": "nombre",
    "date": "date",
    "datetime": "date et heure",
    "time": "heure",
    "text": "texte",
    "valid {low} to {high}": "valide de {low} à {high}",
    "at least {low}": "au moins {low}",
    "at most {high}": "au plus {high}",
    "unit: {unit}": "unité : {unit}",
    "whole number from {low} to {high}": "nombre entier de {low} à {high}",
    # the audit trail's actions (AuditAction, "_" read as a space)
    "value insert": "valeur saisie",
    "value update": "valeur modifiée",
    "value delete": "valeur supprimée",
    "hidden value cleared": "valeur masquée effacée",
    "calc update": "calcul mis à jour",
    "status change": "changement de statut",
    "verify": "vérification",
    "unverify": "vérification retirée",
    "lock": "verrouillage",
    "unlock": "déverrouillage",
    "esign": "signature électronique",
    "esign withdrawn": "signature électronique retirée",
    "record create": "création du dossier",
    "record site change": "changement de centre",
    "form delete": "formulaire supprimé",
    "protocol deviation": "déviation au protocole",
    "import": "import",
    "user create": "création d'utilisateur",
    "user update": "modification d'utilisateur",
    "login": "connexion",
    "login failed": "connexion refusée",
    "definition load": "chargement de la définition",
    "export": "export",
    "query open": "question ouverte",
    "query answer": "réponse à une question",
    "query close": "question close",
    "query reopen": "question rouverte",
    "dde entry": "double saisie",
    "dde resolve": "double saisie arbitrée",
    "amendment": "amendement",
    "form save": "formulaire enregistré",
    # the workbook's About sheet (items naming a sheet keep the sheet's name)
    "Item": "Élément",
    "Study": "Étude",
    "Generated at": "Généré le",
    "Generated by": "Généré par",
    "Application": "Application",
    "Definition version": "Version de la définition",
    "Patients": "Patients",
    "Identifiers": "Identifiants",
    "Identified export: contains identifier fields and real record ids; handle it as "
    "personal data.": "Export identifiant : contient les champs identifiants et les vrais "
                      "numéros de dossier ; à traiter comme des données personnelles.",
    "every variable: form, label, type, units, choices (code=label), validation, range, "
    "identifier flag, branching logic":
        "chaque variable : formulaire, libellé, type, unités, choix (code=libellé), "
        "validation, bornes, marque d'identifiant, logique de branchement",
    "one row per patient; variables of forms filled at one visit keep their names (sex), "
    "those of forms filled at several visits get the visit as prefix (m3_clin_temp), as in "
    "the CSV, SPSS and Stata exports; coded variables hold the code, '<variable>_label' the "
    "label; checkbox options are 0/1 columns '<variable>___<code>'; '<form>_complete' is the "
    "form status (0 Incomplete, 1 Unverified, 2 Complete)":
        "une ligne par patient ; les variables des formulaires remplis à une seule visite "
        "gardent leur nom (sex), celles des formulaires remplis à plusieurs visites ont la "
        "visite en préfixe (m3_clin_temp), comme dans les exports CSV, SPSS et Stata ; les "
        "variables codées contiennent le code, '<variable>_label' le libellé ; les options "
        "des cases à cocher sont des colonnes 0/1 '<variable>___<code>' ; "
        "'<form>_complete' est le statut du formulaire (0 Incomplet, 1 Non vérifié, "
        "2 Complet)",
    "one row per patient (a classic project has no events), the same variables":
        "une ligne par patient (un projet classique n'a pas d'événements), les mêmes "
        "variables",
    "one row per patient and visit (event), same variables without prefix":
        "une ligne par patient et par visite (événement), les mêmes variables sans préfixe",
    "one row per antibiotic course (repeating form), days = stop - start":
        "une ligne par cure d'antibiotique (formulaire répétable), jours = fin - début",
    "Missing data": "Données manquantes",
    "blank = not entered; ": "vide = non saisi ; ",
    "Dates": "Dates",
    "real Excel dates (yyyy-mm-dd); numbers are numeric cells":
        "vraies dates Excel (affichées aaaa-mm-jj) ; les nombres sont des cellules "
        "numériques",
    "the paper's tables, computed from this database; n/N (%) counts only patients in whom "
    "the item was known or assessable; each sheet has its caption in row 1 and the column "
    "names in row 2":
        "les tableaux de l'article, calculés depuis cette base ; n/N (%) ne compte que les "
        "patients chez qui l'élément était connu ou évaluable ; chaque feuille a son titre "
        "en ligne 1 et les noms de colonnes en ligne 2",
    "each imaging finding of each patient at M0, M3 and M6 as read, its course and "
    "evolution (present throughout, resolved, ...)":
        "chaque signe d'imagerie de chaque patient à M0, M3 et M6 tel que lu, son parcours "
        "et son évolution (présent tout du long, disparu, ...)",
    "missing required values, out-of-range values with the reason from the audit trail, "
    "visits outside their protocol window, visits and dates out of order, calculations not "
    "computed, the study's own rules (Rule = the rule's name)":
        "valeurs obligatoires manquantes, valeurs hors bornes avec le motif tiré de la piste "
        "d'audit, visites hors de leur fenêtre du protocole, visites et dates dans le "
        "désordre, calculs non faits, règles propres à l'étude (Rule = le nom de la règle)",
    "one row per record, event and form instance saved: its status (Incomplete, Unverified, "
    "Complete) and who verified, locked and e-signed it, and when (times left out of a "
    "de-identified workbook)":
        "une ligne par dossier, événement et instance de formulaire enregistrée : son statut "
        "(Incomplete, Unverified, Complete : Incomplet, Non vérifié, Complet) et qui l'a "
        "vérifiée, verrouillée et signée électroniquement, et quand (heures omises d'un "
        "classeur désidentifié)",
    "Text": "Texte",
    # the captions and notes of the workbook's tables (the column names stay)
    "Table 1 - Patient characteristics": "Tableau 1 - Caractéristiques des patients",
    "Table 2 - Imaging findings by visit": "Tableau 2 - Signes d'imagerie par visite",
    "Table 3 - Imaging findings and late sequelae":
        "Tableau 3 - Signes d'imagerie et séquelles tardives",
    "Table 4 - Biology by visit": "Tableau 4 - Biologie par visite",
    "N = patients with a known value; percentages of N. SD with n-1; quartiles by the "
    "inclusive method (R type 7). Checkbox options may add up to more than 100%.":
        "N = patients dont la valeur est connue ; pourcentages de N. Écart type avec n-1 ; "
        "quartiles par la méthode inclusive (type 7 de R). Les options des cases à cocher "
        "peuvent dépasser 100 % au total.",
    "n = patients with the finding; N = patients in whom it could be assessed at that visit "
    "(present or absent). 'Not assessable', blank and missing-data codes count in neither n "
    "nor N.":
        "n = patients présentant le signe ; N = patients chez qui il était évaluable à cette "
        "visite (présent ou absent). 'Not assessable', les vides et les codes de donnée "
        "manquante ne comptent ni dans n ni dans N.",
    "% has one decimal; the text column rounds half up to an integer, as the paper prints "
    "it.":
        "% a une décimale ; la colonne de texte arrondit à l'entier (demi vers le haut), "
        "comme l'article l'imprime.",
    "p: two-sided Fisher exact test (sum of the probabilities of the tables no more likely "
    "than the observed one, as R and scipy).":
        "p : test exact de Fisher bilatéral (somme des probabilités des tableaux pas plus "
        "probables que celui observé, comme R et scipy).",
    "N = patients with a value at that visit. Normal ranges from the analysis plan.":
        "N = patients ayant une valeur à cette visite. Valeurs normales tirées du plan "
        "d'analyse.",
    "formula-like text (starting with = + - @) is stored as plain text cells, unchanged; "
    "control characters are removed":
        "le texte qui ressemble à une formule (commençant par = + - @) est gardé tel quel "
        "en cellule de texte ; les caractères de contrôle sont retirés",
    "Repeating forms": "Formulaires répétables",
    "one sheet per repeating form, named after the form: one row per instance (record, "
    "event unless the project is classic, redcap_repeat_instance), the form's variables as "
    "in Data long":
        "une feuille par formulaire répétable, au nom du formulaire : une ligne par instance "
        "(dossier, événement sauf dans un projet classique, redcap_repeat_instance), les "
        "variables du formulaire comme dans Data long",
    "the study has no analysis plan: per variable and visit (event), n with a value, "
    "missing (blank or a missing-data code), then n (%) per choice, or mean (SD), median "
    "[IQR] and range of numbers, or the range of dates; repeating forms count every instance":
        "l'étude n'a pas de plan d'analyse : par variable et visite (événement), n avec une "
        "valeur, manquants (vides ou code de donnée manquante), puis n (%) par choix, ou "
        "moyenne (ET), médiane [EIQ] et étendue des nombres, ou l'étendue des dates ; les "
        "formulaires répétables comptent chaque instance",
    "per double-entered form and entrant: adjudicated forms, fields compared, fields where "
    "the two entries differed and the rate (a difference counts for both entrants; '(all)' "
    "rows total them)":
        "par formulaire en double saisie et par opérateur : formulaires arbitrés, champs "
        "comparés, champs où les deux saisies différaient et le taux (une différence compte "
        "pour les deux opérateurs ; les lignes '(all)' en font le total)",
}
