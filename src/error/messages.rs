//! The one catalogue of every message the engine gives, in German and English: each error kind
//! with its code, each warning with its code, and the few contexts that wrap another message
//! (the cell of a CSV plan, a plan's comparison). A raise site names the kind, the path and the
//! arguments; the texts live here and nowhere else.
//!
//! Templates use `format!`'s syntax: `{name}` is the argument of that name, `{{` and `}}` are
//! braces. An argument is the same in both languages ([`a`]) or has a German and an English
//! form ([`l`]: a JSON type's name, a Land's name, what a field is).

use crate::error::ErrorCode;
use crate::error::Messages;
use std::fmt::{self, Display, Write};

/// One argument of a message.
#[derive(Clone, Copy)]
pub(crate) enum Arg<'a> {
    /// Written the same in both languages (a number, a path, the user's own text).
    Same(&'a dyn Display),
    /// A German and an English word.
    Lang(&'a str, &'a str),
}

/// An argument written the same in both languages.
pub(crate) fn a(value: &dyn Display) -> Arg<'_> {
    Arg::Same(value)
}

/// An argument with a German and an English form.
pub(crate) fn l<'a>(de: &'a str, en: &'a str) -> Arg<'a> {
    Arg::Lang(de, en)
}

/// Keeps echoed user text short in messages (a 10 MB field name must not come back whole).
pub(crate) fn truncate(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

/// Arguments by name.
pub(crate) type Args<'a> = [(&'static str, Arg<'a>)];

/// Fills a template. A placeholder without an argument is kept as written (and fails the
/// catalogue's test in a debug build), so a message is never lost.
fn render(template: &str, args: &Args, german: bool) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let end = tail.find('}').filter(|_| tail.starts_with('{'));
        let Some(end) = end else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
            continue;
        };
        let name = &tail[1..end];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, Arg::Same(v))) => {
                let _ = write!(out, "{v}");
            }
            Some((_, Arg::Lang(de, en))) => out.push_str(if german { de } else { en }),
            None => {
                debug_assert!(false, "no argument {name} for {template:?}");
                out.push_str(&tail[..=end]);
            }
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Both texts of a template pair.
fn messages(de: &str, en: &str, args: &Args) -> Messages {
    Messages {
        de: render(de, args, true),
        en: render(en, args, false),
    }
}

macro_rules! catalogue {
    (
        $(#[$meta:meta])* $name:ident: $code_ty:ty;
        $( $kind:ident => $code:expr, $de:literal, $en:literal; )*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name { $($kind,)* }

        impl $name {
            /// Every entry, for the catalogue's tests.
            #[cfg(test)]
            pub(crate) const ALL: &'static [$name] = &[$($name::$kind,)*];

            /// The code this entry is reported with.
            #[allow(dead_code)] // contexts have none
            pub(crate) fn code(self) -> $code_ty {
                match self { $($name::$kind => $code,)* }
            }

            /// The German and the English template.
            pub(crate) fn templates(self) -> (&'static str, &'static str) {
                match self { $($name::$kind => ($de, $en),)* }
            }

            /// Both texts, filled with `args`.
            pub(crate) fn render(self, args: &Args) -> Messages {
                let (de, en) = self.templates();
                messages(de, en, args)
            }
        }
    };
}

use ErrorCode::*;

catalogue! {
    /// The errors. A few generic ones (a field of the wrong type, a bad decimal) are raised
    /// with the code of the field they are about; the code here is their usual one.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // some are the WASM door's
    Msg: ErrorCode;

    // The JSON text (text/json.rs).
    JsonNotUtf8 => InvalidJson,
        "Die Anfrage ist kein gültiges UTF-8 (Zeile {line}, Spalte {col})",
        "the request is not valid UTF-8 (line {line}, column {col})";
    JsonTrailing => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: Unerwartete Zeichen nach dem JSON-Wert",
        "invalid JSON at line {line}, column {col}: unexpected characters after the JSON value";
    JsonUnknownLiteral => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: unbekanntes Wort",
        "invalid JSON at line {line}, column {col}: unknown literal";
    JsonUnexpectedEnd => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: unerwartetes Ende",
        "invalid JSON at line {line}, column {col}: unexpected end of input";
    JsonUnexpectedChar => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: unerwartetes Zeichen",
        "invalid JSON at line {line}, column {col}: unexpected character";
    JsonTooDeep => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: zu tief verschachtelt",
        "invalid JSON at line {line}, column {col}: nested too deeply";
    JsonExpectedName => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: Feldname erwartet",
        "invalid JSON at line {line}, column {col}: expected a field name";
    JsonExpectedColon => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: ':' erwartet",
        "invalid JSON at line {line}, column {col}: expected ':'";
    JsonExpectedCommaOrBrace => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: ',' oder '}}' erwartet",
        "invalid JSON at line {line}, column {col}: expected ',' or '}}'";
    JsonExpectedCommaOrBracket => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: ',' oder ']' erwartet",
        "invalid JSON at line {line}, column {col}: expected ',' or ']'";
    JsonExpectedDigit => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: Ziffer erwartet",
        "invalid JSON at line {line}, column {col}: expected a digit";
    JsonExpectedFraction => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: Ziffer nach '.' erwartet",
        "invalid JSON at line {line}, column {col}: expected a digit after '.'";
    JsonExpectedExponent => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: Ziffer im Exponenten erwartet",
        "invalid JSON at line {line}, column {col}: expected a digit in the exponent";
    JsonInvalidUnicodeEscape => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: ungültige \\u-Folge",
        "invalid JSON at line {line}, column {col}: invalid \\u escape";
    JsonUnterminatedString => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: Zeichenkette nicht beendet",
        "invalid JSON at line {line}, column {col}: unterminated string";
    JsonLoneSurrogate => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: einzelnes Surrogat",
        "invalid JSON at line {line}, column {col}: lone surrogate";
    JsonInvalidEscape => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: ungültige Escape-Folge",
        "invalid JSON at line {line}, column {col}: invalid escape sequence";
    JsonControlChar => InvalidJson,
        "Ungültiges JSON in Zeile {line}, Spalte {col}: Steuerzeichen in Zeichenkette",
        "invalid JSON at line {line}, column {col}: control character in string";

    // Fields (text/reader.rs); `what` names the field, `type` the JSON type found.
    NotAnObject => InvalidRequest,
        "{what} muss ein JSON-Objekt sein, nicht {type}",
        "{what} must be a JSON object, not {type}";
    UnknownField => UnknownField,
        "Unbekanntes Feld \"{name}\"; erlaubt: {allowed}",
        "unknown field \"{name}\"; allowed: {allowed}";
    DuplicateField => InvalidJson,
        "Das Feld \"{name}\" kommt doppelt vor",
        "the field \"{name}\" occurs twice";
    MissingField => MissingField,
        "Pflichtfeld \"{name}\" fehlt",
        "required field \"{name}\" is missing";
    DecimalNotAString => InvalidAmount,
        "{what} muss eine Dezimalzahl als Zeichenkette sein (\"1234.56\"), nicht {type}",
        "{what} must be a decimal string (\"1234.56\"), not {type}";
    DecimalNegative => InvalidAmount,
        "{what} darf nicht negativ sein: \"{value}\"",
        "{what} must not be negative: \"{value}\"";
    DecimalInvalid => InvalidAmount,
        "{what} ist keine Dezimalzahl mit Punkt und höchstens 28 Stellen: \"{value}\"",
        "{what} is not a decimal number with a point and at most 28 digits: \"{value}\"";
    RatioAboveOne => InvalidRatio,
        "Ein Anteil liegt zwischen 0 und 1, nicht {value}",
        "a share lies between 0 and 1, not {value}";
    NotAString => InvalidRequest,
        "{what} muss eine Zeichenkette sein, nicht {type}",
        "{what} must be a string, not {type}";
    ListTooLong => LimitExceeded,
        "{what} hat {count} Einträge; höchstens {max} sind erlaubt",
        "{what} has {count} entries; at most {max} are allowed";
    NotAList => InvalidRequest,
        "{what} muss eine Liste sein, nicht {type}",
        "{what} must be a list, not {type}";
    NotAnOption => InvalidRequest,
        "{what} ist {options}",
        "{what} is {options}";

    // Länder (contract/land.rs).
    LandNotAName => UnknownLand,
        "Ein Land wird mit seinem Kürzel angegeben (\"BY\", \"DE-BY\" oder \"09\"), nicht als {type}",
        "a Land is named by its code (\"BY\", \"DE-BY\" or \"09\"), not by a {type}";
    UnknownLand => UnknownLand,
        "Unbekanntes Land: \"{name}\" (erwartet z. B. \"BY\", \"DE-BY\" oder \"09\")",
        "Unknown Land: \"{name}\" (expected e.g. \"BY\", \"DE-BY\" or \"09\")";
    DuplicateLand => DuplicateLand,
        "Das Land {land} ist doppelt angegeben",
        "the Land {land} is given twice";

    // The request (contract/request.rs).
    RequestTooLarge => LimitExceeded,
        "Die Anfrage ist {len} Bytes groß; höchstens {max} sind erlaubt",
        "the request is {len} bytes; at most {max} are allowed";
    AllianceMissing => MissingField,
        "Das Modell lässt die Nachnutzungsallianz zahlen, aber \"alliance\" fehlt",
        "the model has the alliance pay, but \"alliance\" is missing";
    Internal => InvalidRequest,
        "Interner Fehler",
        "internal error";
    InvalidYear => InvalidYear,
        "Das Wirtschaftsjahr ist eine ganze Zahl von 2000 bis 2100, nicht {value}",
        "the Wirtschaftsjahr is a whole number from 2000 to 2100, not {value}";
    InvalidUnit => InvalidUnit,
        "Die Rundungseinheit ist eine positive Dezimalzahl bis 1000000 mit höchstens 6 Nachkommastellen, z. B. \"0.01\"",
        "the rounding unit is a positive decimal up to 1000000 with at most 6 decimals, e.g. \"0.01\"";
    CostsEmpty => InvalidRequest,
        "Die Liste der Kosten ist leer",
        "the list of costs is empty";
    CostsWrongType => InvalidAmount,
        "costs ist ein Betrag (\"1000.00\") oder eine Liste von Kostenposten, nicht {type}",
        "costs is an amount (\"1000.00\") or a list of cost items, not {type}";
    CategoryLength => InvalidRequest,
        "Die Kategorie braucht 1 bis {max} Zeichen, z. B. \"betrieb\"",
        "the category needs 1 to {max} characters, e.g. \"betrieb\"";
    AmountTooLarge => InvalidAmount,
        "Der Betrag übersteigt 10 Billionen (10¹³)",
        "the amount exceeds ten trillion (10¹³)";
    AmountNotMultipleOfUnit => AmountNotMultipleOfUnit,
        "Der Betrag {amount} ist kein Vielfaches der Rundungseinheit {unit}",
        "the amount {amount} is not a multiple of the rounding unit {unit}";
    AllianceEmpty => EmptyAlliance,
        "Die Nachnutzungsallianz ist leer",
        "the alliance is empty";
    AllianceWrongType => InvalidAlliance,
        "Die Nachnutzungsallianz ist eine Liste von Ländern ([\"BY\", \"HE\"]) oder \"all\"",
        "the alliance is a list of Länder ([\"BY\", \"HE\"]) or \"all\"";
    ExemptBelowInvalid => InvalidRequest,
        "exemptBelow ist eine ganze Einwohnerzahl ab 0",
        "exemptBelow is a whole number of inhabitants from 0";

    // Memberships (contract/periods.rs).
    MembershipNotAnObject => InvalidRequest,
        "membership muss ein Objekt wie {{\"HE\": {{\"from\": \"{year}-07-01\"}}}} sein, nicht {type}",
        "membership must be an object like {{\"HE\": {{\"from\": \"{year}-07-01\"}}}}, not {type}";
    NotAMember => NotAMember,
        "{land} gehört nicht zur Nachnutzungsallianz; Ein- und Austrittsdaten gibt es nur für Mitglieder",
        "{land} is not in the alliance; joining and leaving dates exist for members only";
    InvalidDate => InvalidDate,
        "Kein gültiges Datum im Format JJJJ-MM-TT: \"{value}\"",
        "not a valid date in the form YYYY-MM-DD: \"{value}\"";
    DateOutsideYear => DateOutsideYear,
        "Das Datum {date} liegt nicht im Wirtschaftsjahr {year}",
        "the date {date} is not in the Wirtschaftsjahr {year}";
    MembershipEndsBeforeStart => EmptyPeriod,
        "Die Mitgliedschaft von {land} endet vor ihrem Beginn",
        "the membership of {land} ends before it begins";

    // Keys (contract/keys.rs, calc/keys.rs).
    KeyObjectFields => UnknownKey,
        "Ein Schlüssel-Objekt hat genau ein Feld: weights, usage, targetGroup oder mix",
        "a key object has exactly one field: weights, usage, targetGroup or mix";
    KeyWrongType => UnknownKey,
        "Ein Schlüssel ist eine Zeichenkette wie \"ks\" oder ein Objekt, nicht {type}",
        "a key is a string like \"ks\" or an object, not {type}";
    UnknownKey => UnknownKey,
        "Unbekannter Schlüssel \"{name}\"; bekannt: ks, {editions}, population, equal, weights, usage, targetGroup, mix",
        "unknown key \"{name}\"; known: ks, {editions}, population, equal, weights, usage, targetGroup, mix";
    GivenNotAnObject => InvalidWeight,
        "Erwartet ein Objekt wie {{\"BY\": \"3\"}}, nicht {type}",
        "expected an object like {{\"BY\": \"3\"}}, not {type}";
    GivenTooMany => LimitExceeded,
        "Höchstens 64 Einträge",
        "at most 64 entries";
    MixEmpty => SharesDoNotSumToOne,
        "Ein Mischschlüssel braucht mindestens einen Teil",
        "a mix needs at least one part";
    MixTooManyKeys => LimitExceeded,
        "Ein Mischschlüssel hat höchstens {max} einfache Schlüssel, verschachtelte Mischungen eingeschlossen",
        "a mix has at most {max} simple keys, nested mixes included";
    MixWeightsSum => SharesDoNotSumToOne,
        "Die Gewichte des Mischschlüssels ergeben {sum} statt genau 1",
        "the mix weights sum to {sum} instead of exactly 1";
    ZeroWeights => ZeroWeights,
        "Der Schlüssel {key} gibt den Zahlern {payers} zusammen das Gewicht 0; so lässt sich nichts verteilen",
        "the key {key} gives the payers {payers} a total weight of 0, so nothing can be split";

    // Models (contract/models.rs).
    UnknownModel => UnknownModel,
        "Unbekanntes Modell \"{name}\"; bekannt: alliance, itplr-2023-35, fitko oder {{\"tranches\": [...]}}",
        "unknown model \"{name}\"; known: alliance, itplr-2023-35, fitko or {{\"tranches\": [...]}}";
    ModelWrongType => UnknownModel,
        "Ein Modell ist ein Name wie \"alliance\" oder {{\"tranches\": [...]}}, nicht {type}",
        "a model is a name like \"alliance\" or {{\"tranches\": [...]}}, not {type}";
    ModelWithoutTranche => SharesDoNotSumToOne,
        "Ein Modell braucht mindestens eine Tranche",
        "a model needs at least one tranche";
    TrancheSharesSum => SharesDoNotSumToOne,
        "Die Anteile der Tranchen ergeben {sum} statt genau 1",
        "the tranche shares sum to {sum} instead of exactly 1";
    InvalidPayers => InvalidPayers,
        "Zahler sind \"alliance\", \"all\", \"bund\" oder eine Liste von Ländern",
        "payers are \"alliance\", \"all\", \"bund\" or a list of Länder";

    // The calculation (calc/).
    TooManyParts => LimitExceeded,
        "Die Anfrage ergäbe mehr als {max} Teilbeträge (Kostenposten × Zeiträume × \
         Tranchen × Zahler); bitte in mehrere Anfragen aufteilen",
        "the request would produce more than {max} parts (cost items × periods × \
         tranches × payers); please split it into several requests";
    EmptyPeriod => EmptyPeriod,
        "Vom {from} bis {to} gehört kein Land zur Nachnutzungsallianz; wer soll ihren Anteil tragen?",
        "from {from} to {to} no Land is in the alliance, so nobody can pay its share";
    NotAPayer => NotAPayer,
        "{land} zahlt in diesem Modell nichts; seine Kommunen können nichts übernehmen",
        "{land} pays nothing under this model, so its Kommunen have nothing to take on";
    GemeindenNotLoaded => MissingGv100ad,
        "Für die Ebene \"gemeinde\" ist die Gemeindetabelle noch nicht geladen (loadGemeinden mit der Datei gemeinden.tsv des Pakets) und keine GV100AD-Datei angegeben",
        "level \"gemeinde\" needs the Gemeinde table, which is not loaded yet (loadGemeinden with the package's gemeinden.tsv), or a GV100AD file";
    NoKommuneLeft => ZeroWeights,
        "In {land} bleibt keine Kommune übrig, die zahlt ({count} Kommunen, alle befreit oder ohne Einwohner)",
        "no Kommune in {land} is left to pay ({count} Kommunen, all exempt or without inhabitants)";
    Gv100adWithoutLand => InvalidGv100ad,
        "Die GV100AD-Datei enthält keine {what} von {land} ({ags}); sie ist unvollständig \
         (abgeschnitten?) oder ein Auszug ohne dieses Land",
        "the GV100AD file has no {what} of {land} ({ags}); it is incomplete (cut short?) or \
         an extract without this Land";

    // Plans (plan/).
    PlanTooLarge => LimitExceeded,
        "Der Plan ist {len} Bytes groß; höchstens {max} sind erlaubt",
        "the plan is {len} bytes; at most {max} are allowed";
    OptionNotAString => InvalidPlan,
        "{name} ist eine Zeichenkette, nicht {type}",
        "{name} is a string, not {type}";
    PlanNotAnObject => InvalidPlan,
        "Ein Plan ist ein JSON-Objekt {{\"plan\": {{…}}}}, nicht {type}",
        "a plan is a JSON object {{\"plan\": {{…}}}}, not {type}";
    PlanFieldMissing => MissingField,
        "Pflichtfeld \"plan\" fehlt: ein Plan ist {{\"plan\": {{\"entries\": […]}}}}; eine einzelne Anfrage (Version 1) berechnet allocate",
        "required field \"plan\" is missing: a plan is {{\"plan\": {{\"entries\": […]}}}}; a single (version 1) request is for allocate";
    PlanFieldNotAnObject => InvalidPlan,
        "plan ist ein JSON-Objekt, nicht {type}",
        "plan is a JSON object, not {type}";
    CompareWrongType => UnknownModel,
        "compare nennt ein Modell (alliance, itplr-2023-35, fitko), nicht {type}",
        "compare names a model (alliance, itplr-2023-35, fitko), not {type}";
    EntriesMissing => InvalidPlan,
        "Der Plan hat keine Einträge (\"entries\" fehlt)",
        "the plan has no entries (\"entries\" is missing)";
    EntriesNotAList => InvalidPlan,
        "entries ist eine Liste von Einträgen, nicht {type}",
        "entries is a list of entries, not {type}";
    NoEntries => InvalidPlan,
        "Der Plan hat keine Einträge",
        "the plan has no entries";
    TooManyEntries => InvalidPlan,
        "Der Plan hat {count} Einträge; höchstens {max} sind erlaubt",
        "the plan has {count} entries; at most {max} are allowed";
    TitleLength => InvalidPlan,
        "Der Titel hat 1 bis {max} Zeichen, nicht {count}",
        "the title has 1 to {max} characters, not {count}";
    UnknownCompareModel => UnknownModel,
        "Unbekanntes Vergleichsmodell \"{name}\"; bekannt: alliance, itplr-2023-35, fitko",
        "unknown comparison model \"{name}\"; known: alliance, itplr-2023-35, fitko";
    CeilingsNotAnObject => InvalidPlan,
        "ceilings ist ein Objekt {{\"fokus\": \"…\", \"foederal\": \"…\"}}, nicht {type}",
        "ceilings is an object {{\"fokus\": \"…\", \"foederal\": \"…\"}}, not {type}";
    CeilingTooLarge => InvalidAmount,
        "Die Obergrenze übersteigt 10 Billionen (10¹³)",
        "the ceiling exceeds ten trillion (10¹³)";
    EntryNotAnObject => InvalidRequest,
        "Ein Planeintrag ist ein JSON-Objekt, nicht {type}",
        "a plan entry is a JSON object, not {type}";
    ServiceLength => InvalidRequest,
        "Der Dienst hat 1 bis {max} Zeichen, nicht {count}",
        "the service has 1 to {max} characters, not {count}";
    InvalidLine => InvalidLine,
        "Die Linie ist \"fokus\" (Fokusleistungen) oder \"foederal\" (Leistungen im föderalen Interesse)",
        "the line is \"fokus\" (Fokusleistungen) or \"foederal\" (Leistungen im föderalen Interesse)";
    CompareModelUnknown => UnknownModel,
        "Unbekanntes Vergleichsmodell \"{model}\"",
        "unknown comparison model \"{model}\"";
    CompareNeedsAlliance => MissingField,
        "Der Vergleich mit dem Modell {model} lässt die Nachnutzungsallianz zahlen, aber der Eintrag nennt keine (\"alliance\" fehlt)",
        "the comparison with model {model} has the alliance pay, but the entry names none (\"alliance\" is missing)";
    PlanTooManyParts => LimitExceeded,
        "Der Plan ergäbe mehr als {max} Teilbeträge (Einträge × Kostenposten × Zeiträume × Tranchen × Zahler, Vergleich eingeschlossen); bitte aufteilen",
        "the plan would produce more than {max} parts (entries × cost items × periods × tranches × payers, comparison included); please split it";

    // Plans as CSV (plan/read_csv.rs); the path is `csv:LINE:COLUMN`.
    CsvCellTooLong => LimitExceeded,
        "Die Zelle ist länger als {max} Bytes",
        "the cell is longer than {max} bytes";
    CsvTooManyCells => LimitExceeded,
        "Die Zeile hat mehr als {max} Zellen",
        "the line has more than {max} cells";
    CsvQuoteNotClosed => InvalidCsv,
        "Das Anführungszeichen am Anfang dieser Zelle (Zeile {line}, Spalte {col}) wird nie geschlossen",
        "the quote that opens this cell (line {line}, column {col}) is never closed";
    CsvNoSeparatorAfterQuote => InvalidCsv,
        "Nach dem schließenden Anführungszeichen folgt kein Trennzeichen; ein Anführungszeichen in einer Zelle wird verdoppelt (\"\")",
        "no separator follows the closing quote; a quote inside a cell is doubled (\"\")";
    CsvNotWindows1252 => InvalidCsv,
        "Zeile {line}, Spalte {col} enthält ein Byte, das weder UTF-8 noch Windows-1252 ist: bitte in Excel „Speichern unter“ → „CSV UTF-8 (durch Trennzeichen getrennt)“ oder „Excel-Arbeitsmappe (.xlsx)“ wählen",
        "line {line}, column {col} holds a byte that is neither UTF-8 nor Windows-1252: please save as \"CSV UTF-8 (Comma delimited)\" or \"Excel Workbook (.xlsx)\"";
    CsvReplacementChar => InvalidCsv,
        "Zeile {line}, Spalte {col} enthält das Ersatzzeichen U+FFFD: der Text wurde mit einer falschen Kodierung gelesen; bitte die Datei selbst (ihre Bytes) übergeben",
        "line {line}, column {col} holds the replacement character U+FFFD: the text was decoded with a wrong encoding; please pass the file itself (its bytes)";
    CsvEmpty => InvalidCsv,
        "Die Datei ist leer",
        "the file is empty";
    CsvNoHeader => InvalidCsv,
        "Die erste Zeile nennt die Spalten, getrennt durch ; oder , (z. B. Dienst;Jahr;Kosten); erlaubt: {columns}",
        "the first line names the columns, separated by ; or , (e.g. service,year,costs); allowed: {columns}";
    CsvUnknownColumn => InvalidCsv,
        "Unbekannte Spalte „{name}“; erlaubt: {columns}",
        "unknown column \"{name}\"; allowed: {columns}";
    CsvDuplicateColumn => InvalidCsv,
        "Die Spalte „{name}“ kommt doppelt vor",
        "the column \"{name}\" occurs twice";
    CsvMissingColumn => InvalidCsv,
        "Die Pflichtspalte „{name}“ fehlt (Pflicht: Dienst, Jahr, Kosten)",
        "the required column \"{name}\" is missing (required: service, year, costs)";
    CsvCellWithoutHeading => InvalidCsv,
        "Diese Zelle steht in einer Spalte ohne Überschrift",
        "this cell is in a column without a heading";
    // Amounts of a cell: in a context naming the cell (`CsvCell`, `SheetCell`).
    CsvGermanAmount => InvalidAmount,
        "Der Betrag „{value}“ ist nicht in deutscher Schreibweise: Punkte zwischen Dreiergruppen, Komma vor den Cent (1.200.000,00 oder 850000,5)",
        "the amount \"{value}\" is not written the German way: points between groups of three digits, a comma before the cents (1.200.000,00 or 850000,5)";
    CsvPlainAmount => InvalidAmount,
        "Der Betrag „{value}“ ist keine Dezimalzahl mit Punkt ohne Tausendertrennung (1200000.00)",
        "the amount \"{value}\" is not a decimal with a point and no grouping (1200000.00)";
    SheetAmountDecimals => InvalidAmount,
        "Der Betrag {value} hat mehr Nachkommastellen als die Rundungseinheit 0,01 (ein Cent); er wird nicht gerundet: bitte in der Tabelle auf Cent runden (RUNDEN(…; 2))",
        "the amount {value} has more decimals than the rounding unit 0.01 (a cent); it is not rounded: please round it to cents in the sheet (ROUND(…, 2))";

    // Workbooks (text/sheet/): the path is `sheet`, or `sheet:NAME!CELL` for a cell.
    WorkbookTooLarge => LimitExceeded,
        "Die Arbeitsmappe ist {bytes} Bytes groß; höchstens {max} sind erlaubt",
        "the workbook is {bytes} bytes; at most {max} are allowed";
    WorkbookUnpackedTooLarge => LimitExceeded,
        "Die Arbeitsmappe ist entpackt größer als {mb} MB ({part}); ein Plan braucht nur ein Blatt mit höchstens 500 Zeilen: bitte die übrigen Blätter in eine andere Datei verschieben",
        "the workbook unpacks to more than {mb} MB ({part}); a plan needs only one sheet of at most 500 rows: please move the other sheets to another file";
    WorkbookNotInBrowser => InvalidSheet,
        "allocatePlanCsv liest keine Arbeitsmappen (.xlsx, .ods), denn sie werden asynchron gelesen; bitte allocatePlan verwenden (es gibt für eine Arbeitsmappe ein Promise) oder efa-rechner plan DATEI.xlsx --format csv",
        "allocatePlanCsv reads no workbooks (.xlsx, .ods), which are read asynchronously; please use allocatePlan (a promise for a workbook) or efa-rechner plan FILE.xlsx --format csv";
    WorkbookNotAWorkbook => InvalidSheet,
        "Die Datei ist keine Arbeitsmappe (.xlsx oder .ods)",
        "the file is not a workbook (.xlsx or .ods)";
    WorkbookOtherZip => InvalidSheet,
        "Die Datei ist ein ZIP-Archiv, aber keine Arbeitsmappe (.xlsx oder .ods); bitte den Plan in Excel oder LibreOffice Calc als .xlsx speichern",
        "the file is a ZIP archive but no workbook (.xlsx or .ods); please save the plan as .xlsx in Excel or LibreOffice Calc";
    WorkbookOldXls => InvalidSheet,
        "Das ist eine Excel-Arbeitsmappe im alten Format (.xls, Excel 97–2003); bitte in Excel oder LibreOffice öffnen und als .xlsx speichern („Excel-Arbeitsmappe (.xlsx)“)",
        "this is an Excel workbook in the old format (.xls, Excel 97–2003); please open it in Excel or LibreOffice and save it as .xlsx (\"Excel Workbook (.xlsx)\")";
    WorkbookEncrypted => InvalidSheet,
        "Die Arbeitsmappe ist mit einem Kennwort geschützt; bitte in Excel oder LibreOffice öffnen, den Kennwortschutz entfernen (Datei → Informationen → Arbeitsmappe schützen) und als .xlsx speichern",
        "the workbook is protected by a password; please open it in Excel or LibreOffice, remove the password (File → Info → Protect Workbook) and save it as .xlsx";
    WorkbookDamaged => InvalidSheet,
        "Die Arbeitsmappe ist beschädigt ({what}); bitte in Excel oder LibreOffice öffnen und erneut als .xlsx speichern",
        "the workbook is damaged ({what}); please open it in Excel or LibreOffice and save it again as .xlsx";
    WorkbookTooManyParts => InvalidSheet,
        "Die Arbeitsmappe besteht aus mehr als {max} Teilen; bitte als .xlsx neu speichern",
        "the workbook consists of more than {max} parts; please save it again as .xlsx";
    WorkbookUnknownMethod => InvalidSheet,
        "Die Arbeitsmappe ist mit einem unbekannten Verfahren gepackt; bitte in Excel oder LibreOffice als .xlsx speichern",
        "the workbook is packed with an unknown method; please save it as .xlsx in Excel or LibreOffice";
    WorkbookEntities => InvalidSheet,
        "Die Arbeitsmappe enthält eigene XML-Entitäten oder eine Dokumenttyp-Deklaration ({part}); solche Dateien werden aus Sicherheitsgründen nicht gelesen: bitte in Excel oder LibreOffice als .xlsx neu speichern",
        "the workbook declares its own XML entities or a document type ({part}); such files are not read, for safety: please save it again as .xlsx in Excel or LibreOffice";
    WorkbookMissingPart => InvalidSheet,
        "Der Arbeitsmappe fehlt ein Teil ({part}); bitte in Excel oder LibreOffice öffnen und erneut als .xlsx speichern",
        "the workbook lacks a part ({part}); please open it in Excel or LibreOffice and save it again as .xlsx";
    SheetBeyondEdge => InvalidSheet,
        "Das Blatt „{sheet}“ reicht über den Rand einer Tabelle hinaus ({what}); bitte als .xlsx neu speichern",
        "the sheet \"{sheet}\" reaches beyond the edge of a spreadsheet ({what}); please save it again as .xlsx";
    SheetTooManyCells => LimitExceeded,
        "Das Blatt „{sheet}“ hat mehr als {max} gefüllte Zellen; ein Plan braucht höchstens 500 Zeilen: bitte die übrigen Daten in eine andere Datei verschieben",
        "the sheet \"{sheet}\" has more than {max} filled cells; a plan needs at most 500 rows: please move the other data to another file";
    SheetStringMissing => InvalidSheet,
        "Die Zelle verweist auf einen Text, den die Arbeitsmappe nicht enthält (Nr. {index}); bitte in Excel oder LibreOffice öffnen und erneut als .xlsx speichern",
        "the cell refers to a text the workbook does not hold (no. {index}); please open it in Excel or LibreOffice and save it again as .xlsx";
    SheetNoPlan => InvalidSheet,
        "Kein Blatt der Arbeitsmappe ({sheets}) beginnt mit einer Kopfzeile, die die Spalten nennt: die erste gefüllte Zeile des Plan-Blatts braucht mindestens Dienst, Jahr und Kosten (dazu Linie, Allianz, Modell, Schlüssel)",
        "no sheet of the workbook ({sheets}) starts with a header row naming the columns: the first non-empty row of the plan sheet needs at least service, year and costs (and line, alliance, model, key)";
    SheetTooManyRows => InvalidPlan,
        "Das Blatt „{sheet}“ hat mehr als {rows} gefüllte Zeilen; ein Plan hat höchstens {max} Einträge",
        "the sheet \"{sheet}\" has more than {rows} non-empty rows; a plan has at most {max} entries";
    SheetHeaderTooWide => LimitExceeded,
        "Die Kopfzeile hat mehr als {max} Spalten",
        "the header row has more than {max} columns";
    SheetRightOfHeader => InvalidSheet,
        "Diese Zelle steht rechts der Spalten, die die Kopfzeile nennt; sie muss leer sein",
        "this cell is right of the columns the header row names; it must be empty";
    SheetNotFinite => InvalidSheet,
        "Die Zahl ist keine endliche Zahl",
        "the number is not a finite number";
    SheetBoolean => InvalidSheet,
        "Hier steht ein Wahrheitswert (WAHR/FALSCH); erwartet ist eine Zahl oder ein Text",
        "this is a boolean (TRUE/FALSE); a number or a text is expected";
    SheetDate => InvalidSheet,
        "Hier steht ein Datum; erwartet ist eine Zahl oder ein Text (das Jahr als Zahl, z. B. 2025, ohne Datumsformat)",
        "this is a date; a number or a text is expected (the year as a number, e.g. 2025, without a date format)";
    SheetErrorValue => InvalidSheet,
        "Die Zelle zeigt den Fehler {value}; bitte die Formel korrigieren",
        "the cell shows the error {value}; please correct the formula";
    SheetUncached => InvalidSheet,
        "Die Formel hat keinen gespeicherten Wert; bitte die Arbeitsmappe in Excel oder LibreOffice öffnen, neu berechnen und speichern",
        "the formula has no stored value; please open the workbook in Excel or LibreOffice, recalculate and save it";
    SheetCellTooLong => LimitExceeded,
        "Die Zelle ist länger als {max} Bytes",
        "the cell is longer than {max} bytes";

    // The built-in Gemeinde table (data/builtin.rs).
    GemeindenTableMismatch => InvalidGv100ad,
        "Die Gemeindetabelle passt nicht zu dieser Version von efa-rechner: {why}",
        "the Gemeinde table does not belong to this version of efa-rechner: {why}";

    // GV100AD files (data/gv100ad.rs): the path is `gv100ad:LINE`, or `gv100ad` for the file.
    Gv100adTooLarge => LimitExceeded,
        "Die GV100AD-Datei ist zu groß ({mib} MiB); höchstens 64 MiB sind erlaubt.",
        "The GV100AD file is too large ({mib} MiB); at most 64 MiB are allowed.";
    Gv100adNoRecords => InvalidGv100ad,
        "GV100AD-Datei: Die Datei enthält keine Datensätze.",
        "GV100AD file: The file contains no records.";
    Gv100adNoGemeinden => InvalidGv100ad,
        "GV100AD-Datei: Die Datei enthält {records} Datensätze, aber keine Gemeinden (Satzart 60); \
         ist es ein GV100AD-Gemeindeverzeichnis?",
        "GV100AD file: The file contains {records} records but no Gemeinden (Satzart 60); is it a \
         GV100AD Gemeindeverzeichnis?";
    Gv100adEmptyLine => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: leere Zeile zwischen Datensätzen",
        "GV100AD file, line {line}: empty line between records";
    Gv100adTooLong => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: Datensatz ist {chars} Zeichen lang, höchstens {max} sind erlaubt (Spalte {next} \
         und folgende)",
        "GV100AD file, line {line}: record is {chars} characters long, at most {max} are allowed (column {next} \
         onwards)";
    Gv100adShortRecord => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: Datensatz zu kurz ({chars} Zeichen, ein Datensatz hat {max}); Satzart \
         {satzart}, Datei abgeschnitten oder bearbeitet?",
        "GV100AD file, line {line}: record too short ({chars} characters, a record has {max}); Satzart \
         {satzart}, file truncated or edited?";
    Gv100adEndsInRecord => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: Datei endet mitten im Datensatz ({chars} von {max} Zeichen, kein \
         Zeilenende); Datei abgeschnitten?",
        "GV100AD file, line {line}: file ends in the middle of a record ({chars} of {max} characters, no \
         line end); file truncated?";
    Gv100adFieldMissing => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: Datensatz zu kurz ({chars} Zeichen), {field} in Spalten {columns} fehlt; Datei abgeschnitten?",
        "GV100AD file, line {line}: record too short ({chars} characters), {field} in columns {columns} is missing; file truncated?";
    Gv100adFieldEmpty => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist leer: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is empty: {value}";
    Gv100adFieldControl => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist mit Steuerzeichen: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is containing control characters: {value}";
    Gv100adNotANumber => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist keine Zahl: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is not a number: {value}";
    Gv100adUnknownSatzart => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist unbekannt (erwartet: 10, 20, 30, 40, 50 oder 60): {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is unknown (expected 10, 20, 30, 40, 50 or 60): {value}";
    Gv100adInvalidDate => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist kein gültiges Datum JJJJMMTT: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is not a valid date YYYYMMDD: {value}";
    Gv100adOtherGebietsstand => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist anders als in Zeile {first} ({iso}): {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is different from line {first} ({iso}): {value}";
    Gv100adNotDigits => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist keine Ziffernfolge: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is not all digits: {value}";
    Gv100adNotALand => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist kein Schlüssel eines Landes 01-16: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is not the key of a Land 01-16: {value}";
    Gv100adKeyLayout => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist für Satzart {satzart} falsch aufgebaut: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is not laid out as Satzart {satzart} requires: {value}";
    Gv100adTextkennzeichen => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist für Satzart {satzart} nicht vorgesehen: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is not one Satzart {satzart} may have: {value}";
    Gv100adNotBlank => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: {field} in Spalten {columns} ist für Satzart {satzart} nicht leer: {value}",
        "GV100AD file, line {line}: {field} in columns {columns} is not blank in Satzart {satzart}: {value}";
    Gv100adDuplicateKey => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: Schlüssel {key} (Spalten 11-{end}) kommt doppelt vor, zuerst in \
         Zeile {first}",
        "GV100AD file, line {line}: key {key} (columns 11-{end}) occurs twice, first in line {first}";
    Gv100adWithoutKreis => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: Gemeinde {ags} (Spalten 11-18) gehört zu Kreis {kreis}, für den es \
         keinen Kreis-Datensatz (Satzart 40) gibt",
        "GV100AD file, line {line}: Gemeinde {ags} (columns 11-18) belongs to Kreis {kreis}, which has \
         no Kreis record (Satzart 40)";
    Gv100adEncodingChanges => InvalidGv100ad,
        "GV100AD-Datei, Zeile {line}: Zeichenkodierung wechselt (vorher UTF-8, hier nicht) oder umgekehrt; Datei \
         beschädigt?",
        "GV100AD file, line {line}: the character encoding changes (UTF-8 before, not here, or the other way \
         round); file damaged?";

    // The doors: files and JavaScript values (main.rs, wasm.rs).
    RequestFileUnreadable => InvalidRequest,
        "Datei {file} nicht lesbar: {why}",
        "cannot read file {file}: {why}";
    Gv100adFileUnreadable => InvalidGv100ad,
        "Datei {file} nicht lesbar: {why}",
        "cannot read file {file}: {why}";
    FileTooLarge => LimitExceeded,
        "Datei {file} ist größer als {mib} MiB",
        "file {file} is larger than {mib} MiB";
    UploadTooLarge => LimitExceeded,
        "Die Datei ist größer als {mib} MiB",
        "the file is larger than {mib} MiB";
    JsTooDeep => InvalidJson,
        "Die Anfrage ist zu tief verschachtelt: {why}",
        "the request is nested too deeply: {why}";
    JsNotJson => InvalidRequest,
        "Die Anfrage lässt sich nicht als JSON lesen: {why}",
        "the request cannot be read as JSON: {why}";
    NotADataset => MissingGv100ad,
        "Der zweite Parameter ist kein (noch geladenes) Ergebnis von loadGv100ad",
        "the second argument is not a (still loaded) result of loadGv100ad";
    StreamLocked => InvalidGv100ad,
        "Der Datenstrom wird schon gelesen (gesperrt)",
        "the stream is already being read (locked)";
    StreamNotBytes => InvalidGv100ad,
        "Der Datenstrom liefert etwas anderes als Uint8Array-Stücke",
        "the stream yields something other than Uint8Array chunks";
    Gv100adInputType => InvalidGv100ad,
        "Erwartet den Dateiinhalt als Text, Uint8Array, Response, Blob oder ReadableStream",
        "expected the file content as text, Uint8Array, Response, Blob or ReadableStream";
}

catalogue! {
    /// The warnings: a result that stands, with something the user should know.
    WarningMsg: &'static str;

    KsBeforeFirstEdition => "ks_before_first_edition",
        "Für {year} ist keine Ausgabe des Königsteiner Schlüssels eingebettet; verwendet wird KS {first}",
        "no Königsteiner Schlüssel edition is embedded for {year}; KS {first} is used";
    KsNewestEmbedded => "ks_newest_embedded",
        "Verwendet wird KS {newest}, die neueste öffentlich belegte Ausgabe (GaFinHG 2021, DIW 2023); eine neuere Ausgabe lässt sich als Schlüssel {{\"weights\": …}} angeben",
        "KS {newest} is used, the newest edition confirmed in public sources (GaFinHG 2021, DIW 2023); a newer edition can be given as key {{\"weights\": …}}";
    AllianceUnused => "alliance_unused",
        "Das Modell lässt die Allianz nicht eigens zahlen; die Angabe \"alliance\" ändert nichts",
        "the model has no alliance tranche; \"alliance\" changes nothing";
    KommunenPayNothing => "kommunen_pay_nothing",
        "Bei landShare 1 trägt das Land alles; die Kommunen zahlen nichts",
        "with landShare 1 the Land pays everything; the Kommunen pay nothing";
    Gv100adIncomplete => "gv100ad_incomplete",
        "Die GV100AD-Datei enthält für {land} {count} {what} mit {population} Einwohnern, die eingebaute \
         Ausgabe (Gebietsstand {stand}) {builtin_count} {what} mit {builtin_population} Einwohnern; mehr als \
         {tolerance} % Abweichung: ist die Datei vollständig?",
        "the GV100AD file has {count} {what} with {population} inhabitants for {land}, the built-in \
         edition (Gebietsstand {stand}) {builtin_count} {what} with {builtin_population} inhabitants; more than \
         {tolerance} % apart: is the file complete?";
    CeilingExceeded => "ceiling_exceeded",
        "{year}: Die nach IT-PLR 2023/35 finanzierten {line} summieren sich auf {amount} € und überschreiten die Budgetlinie von {ceiling} € (IT-PLR Beschluss 2023/43); die Beträge sind nicht gekürzt, da der Beschluss nicht regelt, wie ein Überschuss verteilt würde",
        "{year}: the {line} financed under IT-PLR 2023/35 add up to {amount} EUR and exceed the budget line of {ceiling} EUR (IT-PLR decision 2023/43); the amounts are not cut, because the decision does not say how an excess would be shared";
    CsvWindows1252 => "csv_windows_1252",
        "Die Datei ist nicht in UTF-8, sondern in Windows-1252 gespeichert (Excels „CSV (Trennzeichen-getrennt)“) und wurde so gelesen; Umlaute bitte im Ergebnis prüfen",
        "the file is not UTF-8 but Windows-1252 (Excel's plain \"CSV\") and was read as such; please check umlauts in the result";
}

catalogue! {
    /// Contexts that wrap another message (`{message}`), which keeps its code.
    Context: ();

    CsvCell => (),
        "CSV-Zeile {line}, Spalte {col}: {message}",
        "CSV line {line}, column {col}: {message}";
    CsvLine => (),
        "CSV-Zeile {line}: {message}",
        "CSV line {line}: {message}";
    SheetCell => (),
        "Tabelle {sheet}, Zelle {cell}: {message}",
        "sheet {sheet}, cell {cell}: {message}";
    SheetRow => (),
        "Tabelle {sheet}, Zeile {line}: {message}",
        "sheet {sheet}, row {line}: {message}";
    Comparison => (),
        "Im Vergleich mit dem Modell {model}: {message}",
        "in the comparison with model {model}: {message}";
}

impl fmt::Debug for Arg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Same(v) => write!(f, "{v}"),
            Arg::Lang(de, en) => write!(f, "{de}/{en}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The placeholders of a template, in order.
    fn placeholders(template: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = template;
        while let Some(i) = rest.find(['{', '}']) {
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                rest = &tail[2..];
                continue;
            }
            assert!(tail.starts_with('{'), "a lone }} in {template:?}");
            let end = tail
                .find('}')
                .unwrap_or_else(|| panic!("unclosed {{ in {template:?}"));
            let name = &tail[1..end];
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "placeholder {name:?} in {template:?}"
            );
            out.push(name.to_string());
            rest = &tail[end + 1..];
        }
        out
    }

    fn check(all: &[(&str, &str)]) {
        for (de, en) in all {
            let mut d = placeholders(de);
            let mut e = placeholders(en);
            d.sort();
            d.dedup();
            e.sort();
            e.dedup();
            assert_eq!(
                d, e,
                "both languages take the same arguments: {de:?} / {en:?}"
            );
            assert!(!de.is_empty() && !en.is_empty());
            assert_ne!(de, en, "a German and an English text");
        }
    }

    #[test]
    fn every_template_is_well_formed_and_both_languages_take_the_same_arguments() {
        check(&Msg::ALL.iter().map(|m| m.templates()).collect::<Vec<_>>());
        check(
            &WarningMsg::ALL
                .iter()
                .map(|m| m.templates())
                .collect::<Vec<_>>(),
        );
        check(
            &Context::ALL
                .iter()
                .map(|m| m.templates())
                .collect::<Vec<_>>(),
        );
    }

    #[test]
    fn every_error_code_has_a_message() {
        for code in ErrorCode::ALL {
            assert!(
                Msg::ALL.iter().any(|m| m.code() == code),
                "{code} has no message"
            );
        }
    }

    #[test]
    fn templates_are_filled_like_format() {
        let m =
            Msg::MembershipNotAnObject.render(&[("year", a(&2025)), ("type", l("Zahl", "number"))]);
        assert_eq!(
            m.de,
            "membership muss ein Objekt wie {\"HE\": {\"from\": \"2025-07-01\"}} sein, nicht Zahl"
        );
        assert_eq!(
            m.en,
            "membership must be an object like {\"HE\": {\"from\": \"2025-07-01\"}}, not number"
        );
        let m = Msg::JsonExpectedCommaOrBrace.render(&[("line", a(&1)), ("col", a(&2))]);
        assert_eq!(
            m.en,
            "invalid JSON at line 1, column 2: expected ',' or '}'"
        );
    }
}
