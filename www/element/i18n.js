// The texts of the element, German first. t(lang, key, vars) fills {placeholders}. The English
// ones come with loadLang('en') (i18n-en.js); those of the parts loaded on demand come with the
// parts (i18n-parts.js, addStrings). Names of Länder, models, keys and categories come from the
// engine's metadata().

const de = {
  title: 'EfA-Kostenrechner',
  titleService: 'EfA-Kostenrechner: {service}',
  intro: 'Wer trägt welchen Anteil der Kosten eines „Einer für Alle“-Onlinedienstes? Die Berechnung läuft vollständig in Ihrem Browser.',
  loading: 'Der Rechner wird geladen …',
  loadFailed: 'Der Rechner konnte nicht geladen werden: {message}',
  engineTrap: 'Die Rechenmaschine ist ausgefallen und ließ sich nicht neu starten. Bitte laden Sie die Seite neu.',
  formLabel: 'Eingaben',
  yearLabel: 'Wirtschaftsjahr',
  yearHint: 'Ein Jahr von 2000 bis 2100.',
  costsLegend: 'Kosten',
  costsModeSingle: 'Ein Gesamtbetrag',
  costsModeItems: 'Nach Kostenkategorien (IT-PLR-Beschluss 2021/24)',
  costsLabel: 'Kosten in Euro',
  costsHint: 'Zum Beispiel 1.234.567,89 – deutsche und englische Schreibweise werden erkannt.',
  itemsHint: 'Nur die zulässigen Kostenarten nach IT-PLR-Beschluss 2021/24. Leere Felder werden nicht berücksichtigt.',
  allianceLegend: 'Nachnutzungsallianz',
  allianceHint: 'Die Länder, die den Dienst nachnutzen.',
  allLaender: 'Alle 16 Länder',
  modelLabel: 'Finanzierungsmodell',
  modelCustom: 'Eigenes Modell (aus der Anfrage)',
  source: 'Quelle: {source}',
  keyLabel: 'Verteilschlüssel innerhalb der Allianz',
  keyHint: 'Ohne veröffentlichte Regel gilt der Königsteiner Schlüssel, auf die Allianz umgerechnet.',
  keyCustom: 'Eigener Schlüssel (aus der Anfrage)',
  keyKs: 'Königsteiner Schlüssel (neueste Ausgabe für das Jahr)',
  keyEdition: 'Königsteiner Schlüssel {year}',
  keyPopulation: 'Einwohner',
  keyEqual: 'Gleicher Anteil je Land',
  keyUsage: 'Nutzungszahlen (Fallzahlen)',
  keyTargetGroup: 'Größe der Zielgruppe',
  keyWeights: 'Eigene Gewichte',
  keyValuesLegend: 'Zahlen je Land',
  keyValuesHint: 'Länder ohne Angabe erhalten das Gewicht 0.',
  membershipSummary: 'Beitritt oder Austritt im Laufe des Jahres',
  membershipHint: 'Tage der Mitgliedschaft zählen anteilig (pro rata temporis). Leer lassen für das ganze Jahr.',
  memberFrom: 'Mitglied ab',
  memberTo: 'Mitglied bis',
  noMembers: 'Wählen Sie zuerst Länder für die Allianz.',
  kommunenToggle: 'Anteil eines Landes auf seine Kommunen verteilen',
  kommunenLegend: 'Kommunen',
  kLand: 'Land',
  kLevel: 'Ebene',
  kLevelKreis: 'Kreise und kreisfreie Städte',
  kLevelGemeinde: 'Gemeinden (benötigt eine GV100AD-Datei)',
  kShare: 'Anteil, den das Land selbst trägt (Prozent)',
  kShareHint: 'Von 0 bis 100. Der Rest wird auf die Kommunen verteilt.',
  kKey: 'Schlüssel für die Kommunen',
  kKeyPopulation: 'Nach Einwohnern',
  kKeyEqual: 'Gleicher Anteil je Kommune',
  kExempt: 'Kommunen befreien unter (Einwohner)',
  kExemptHint: 'Kleinere Kommunen zahlen nichts. 0 = keine Befreiung.',
  kFile: 'Gemeindeverzeichnis GV100AD (Datei von Destatis)',
  kFileHint: 'Ohne Datei gelten die eingebauten Daten: {licence}',
  kFileLoaded: 'Geladen: Gebietsstand {date}, {kreise} Kreise, {gemeinden} Gemeinden.',
  submit: 'Berechnen',
  staleNotice: 'Die Eingaben enthalten Fehler. Angezeigt wird weiter das letzte gültige Ergebnis.',
  promptCosts: 'Geben Sie die Kosten ein, um die Aufteilung zu sehen.',
  statusResult: 'Ergebnis aktualisiert: {total} für {year}, verteilt auf {count} Zahler.',
  statusErrors: '{count} Eingabe enthält einen Fehler.',
  statusErrorsN: '{count} Eingaben enthalten Fehler.',
  resultsHeading: 'Ergebnis',
  summaryTotal: 'Gesamtkosten',
  summaryYear: 'Wirtschaftsjahr',
  summaryModel: 'Finanzierungsmodell',
  summaryKey: 'Schlüssel',
  summaryPeriods: 'Zeiträume',
  tableCaption: 'Aufteilung der Kosten {year}',
  tableCaptionService: 'Aufteilung der Kosten {year} für {service}',
  colPayer: 'Zahler',
  colAmount: 'Betrag',
  colShare: 'Anteil',
  colTranche: 'Tranche {n}',
  payersAlliance: 'Allianz',
  payersAll: 'alle Länder',
  payersBund: 'Bund',
  payersList: 'Länder {list}',
  byKey: 'nach {key}',
  sumRow: 'Summe',
  bund: 'Bund',
  chartTitle: 'Beträge je Zahler',
  chartDesc: 'Balkendiagramm. Die genauen Zahlen stehen in der Tabelle.',
  explainSummary: 'Erläuterung je Zahler',
  colName: 'Name',
  colPopulation: 'Einwohner',
  colExempt: 'befreit',
  sourcesHeading: 'Quellen',
  warningsHeading: 'Hinweise',
  csvPayerId: 'Zahler-ID',
  csvKind: 'Art',
  csvKindLand: 'Land',
  csvKindBund: 'Bund',
  csvAmount: 'Betrag (EUR)',
  csvShare: 'Anteil (%)',
};

// English, as far as it is needed before the rest has been loaded: the loading texts and the
// message of a failed engine. The other English texts are in i18n-en.js, loaded on demand
// (loadLang): for an English element, and before an error is reported (an error carries its
// message in both languages).
const en = {
  loading: 'Loading the calculator …',
  loadFailed: 'The calculator could not be loaded: {message}',
  engineTrap: 'The calculation engine failed and could not be restarted. Please reload the page.',
};

export const STRINGS = { de, en };

/** Adds the texts of a part loaded on demand ({ de, en }). */
export function addStrings(more) {
  Object.assign(de, more.de);
  Object.assign(en, more.en);
}

let enLoad = null;
/** Resolves once all texts of `lang` are there (German always is; English is loaded once). */
export function loadLang(lang) {
  if (lang !== 'en') return Promise.resolve();
  enLoad ||= import('./i18n-en.js').then(
    (m) => void Object.assign(en, m.default),
    (e) => {
      enLoad = null; // tried again next time
      throw e;
    },
  );
  return enLoad;
}

export function t(lang, key, vars = {}) {
  const table = STRINGS[lang] || de;
  let s = table[key] ?? de[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** A message in both languages, as the engine's errors carry them. */
export function both(key, vars = {}, varsEn = vars) {
  return { de: t('de', key, vars), en: t('en', key, varsEn) };
}

export const normLang = (l) => (String(l || '').toLowerCase().startsWith('en') ? 'en' : 'de');
