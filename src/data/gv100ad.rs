//! Reader for the Destatis Gemeindeverzeichnis GV100AD: fixed-width records of 220 characters,
//! one per Land (Satzart 10), Regierungsbezirk (20), Region (30), Kreis (40), Gemeindeverband (50)
//! and Gemeinde (60). It yields the Kreise and Gemeinden with population that the Kommune level of
//! the allocation needs.
//!
//! Field positions follow the official Datensatzbeschreibung (1-based characters):
//! Satzart 1-2, Gebietsstand 3-10 (`YYYYMMDD`), Land 11-12, Regierungsbezirk 13, Kreis 14-15,
//! Gemeinde 16-18 (Satzart 60), Gemeindeverband 19-22, name 23-72, Textkennzeichen 123-124,
//! population 140-150. So the 8-digit AGS of a Gemeinde is the contiguous positions 11-18.
//! (`../shared/domain/efa-financing.md` puts the Verband at 16-19 and the Gemeinde at 20-22; the
//! Datensatzbeschreibung and the data disagree: Crostwitz, AGS 14625080, reads `146250805501`, and
//! with 20-22 the 2025 file would have only 4,554 distinct keys for 10,953 Gemeinden.)
//!
//! Real files differ from a naive reading in three ways the reader handles: Hamburg and Berlin
//! have Kreis records (`02000`, `11000`) like any kreisfreie Stadt; three uninhabited
//! gemeindefreie Gebiete (`07000999`, `13000998`, `13000999`) belong to no Kreis; and some
//! Sorbian names use letters outside Latin-1 (ł, ś, č), so only the UTF-8 edition is lossless.
//!
//! The input is untrusted (a user's upload): every problem becomes an
//! [`ErrorCode::InvalidGv100ad`] error whose `path` is `gv100ad:LINE` (or `gv100ad` for the file as
//! a whole: no records, no Gemeinden), with the columns in the message; more than [`MAX_BYTES`] is
//! [`ErrorCode::LimitExceeded`]. Nothing panics.

use crate::data::kommunen::{Kommune, KommunenDataset};
use crate::data::sources::Source;
use crate::error::{a, l, Args, Error, Msg, Result};

/// Largest accepted input. The real file is about 3.5 MB; the limit keeps a wrong upload from
/// exhausting memory, in the browser above all.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Length of one record in characters.
pub const RECORD_CHARS: usize = 220;
/// Licence statement of Destatis for the Gemeindeverzeichnis.
pub const LICENCE: &str =
    "Destatis: Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet";

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses a GV100AD file given as bytes: UTF-8 (with or without BOM) or, if the bytes are not
/// valid UTF-8, Latin-1 (bytes 0x80-0x9F read as Windows-1252, as browsers do).
///
/// ```
/// let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gv100ad/valid-utf8.txt"));
/// let data = efa_rechner::gv100ad::parse(bytes)?;
/// assert_eq!(data.source.id, format!("gv100ad-{}", data.gebietsstand));
/// let request = br#"{"year": 2025, "costs": "1000.00", "model": "fitko",
///                    "kommunen": {"land": "HH", "level": "gemeinde"}}"#;
/// let response = efa_rechner::allocate_json(request, Some(&data))?;
/// assert_eq!(response.kommunen.unwrap().source.id, data.source.id);
///
/// let error = efa_rechner::gv100ad::parse(b"60 kaputt\n").unwrap_err();
/// assert_eq!((error.code.as_str(), error.path.as_str()), ("invalid_gv100ad", "gv100ad:1"));
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn parse(bytes: &[u8]) -> Result<KommunenDataset> {
    check_size(bytes.len())?;
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_text(text),
        Err(_) => parse_text(&decode_latin1(bytes)),
    }
}

/// Parses a GV100AD file that is already text (the WASM door receives a JS string). Prefer
/// [`parse`] with the raw bytes where possible: only it can detect a Latin-1 file.
///
/// ```
/// let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gv100ad/valid-utf8.txt"));
/// let text = std::str::from_utf8(bytes).unwrap();
/// assert_eq!(efa_rechner::gv100ad::parse_str(text)?, efa_rechner::gv100ad::parse(bytes)?);
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub fn parse_str(text: &str) -> Result<KommunenDataset> {
    check_size(text.len())?;
    parse_text(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

fn check_size(len: usize) -> Result<()> {
    if len > MAX_BYTES {
        let mib = len.div_ceil(1024 * 1024);
        return Err(Error::new(
            Msg::Gv100adTooLarge,
            "gv100ad",
            &[("mib", a(&mib))],
        ));
    }
    Ok(())
}

/// Latin-1 decoding, byte by byte. The C1 range 0x80-0x9F holds no printable Latin-1 characters;
/// files labelled Latin-1 use it for Windows-1252 letters (š, ž, „, €), so those are mapped the
/// way the WHATWG Encoding standard (and so the browser) decodes `iso-8859-1`.
fn decode_latin1(bytes: &[u8]) -> String {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    let high = bytes.iter().filter(|b| !b.is_ascii()).count();
    let mut out = String::with_capacity(bytes.len() + 2 * high);
    // Copy ASCII runs in bulk; only the (few) other bytes are decoded one by one.
    for run in bytes.split_inclusive(|b| !b.is_ascii()) {
        let (ascii, last) = match run.split_last() {
            Some((&b, head)) if !b.is_ascii() => (head, Some(b)),
            _ => (run, None),
        };
        out.push_str(std::str::from_utf8(ascii).unwrap_or_default());
        if let Some(b) = last {
            out.push(match b {
                0x80..=0x9F => CP1252
                    .get(usize::from(b - 0x80))
                    .copied()
                    .unwrap_or(char::from(b)),
                _ => char::from(b),
            });
        }
    }
    out
}

/// One line, addressable by 1-based character positions whatever the byte encoding.
struct Record<'a> {
    text: &'a str,
    /// Number of characters.
    chars: usize,
    /// Byte offset of each character position, filled only for non-ASCII lines (for ASCII lines
    /// character and byte positions coincide).
    offsets: Option<[u16; RECORD_CHARS + 1]>,
}

impl<'a> Record<'a> {
    /// `Err(chars)` if the line is longer than a record.
    fn new(text: &'a str) -> std::result::Result<Self, usize> {
        if text.is_ascii() {
            return if text.len() > RECORD_CHARS {
                Err(text.len())
            } else {
                Ok(Record {
                    text,
                    chars: text.len(),
                    offsets: None,
                })
            };
        }
        let mut offsets = [0u16; RECORD_CHARS + 1];
        let mut chars = 0;
        // Every byte that is not a UTF-8 continuation byte (0b10xx_xxxx) starts a character;
        // counting them is much cheaper than decoding.
        for (byte, b) in text.bytes().enumerate() {
            if b & 0xC0 == 0x80 {
                continue;
            }
            match (offsets.get_mut(chars), u16::try_from(byte)) {
                (Some(slot), Ok(byte)) if chars < RECORD_CHARS => *slot = byte,
                _ => return Err(text.chars().count()),
            }
            chars += 1;
        }
        match (offsets.get_mut(chars), u16::try_from(text.len())) {
            (Some(slot), Ok(len)) => *slot = len,
            _ => return Err(text.chars().count()),
        }
        Ok(Record {
            text,
            chars,
            offsets: Some(offsets),
        })
    }

    /// Characters `from..=to` (1-based), or `None` if the record ends before `to`.
    fn field(&self, from: usize, to: usize) -> Option<&'a str> {
        if from == 0 || from > to || to > self.chars {
            return None;
        }
        let (start, end) = match &self.offsets {
            None => (from - 1, to),
            Some(offsets) => (
                usize::from(*offsets.get(from - 1)?),
                usize::from(*offsets.get(to)?),
            ),
        };
        self.text.get(start..end)
    }
}

/// Builds an `invalid_gv100ad` error for one line: path `gv100ad:LINE`, the line number an
/// argument of every message. (Errors are the cold path: never inlined, so the many call sites
/// stay small in the size-budgeted WASM module.)
#[cold]
#[inline(never)]
fn line_error(msg: Msg, line: usize, args: &Args) -> Error {
    let mut all = args.to_vec();
    all.push(("line", a(&line)));
    Error::new(msg, format!("gv100ad:{line}"), &all)
}

/// A short, escaped quotation of input text for messages (the text may hold anything).
fn quote(s: &str) -> String {
    let mut short: String = s.chars().take(24).collect();
    if short.len() < s.len() {
        short.push('…');
    }
    format!("{short:?}")
}

/// A named field of the record layout: positions and the words for messages.
struct Field {
    from: usize,
    to: usize,
    de: &'static str,
    en: &'static str,
}

const SATZART: Field = Field {
    from: 1,
    to: 2,
    de: "Satzart",
    en: "Satzart (record type)",
};
const GEBIETSSTAND: Field = Field {
    from: 3,
    to: 10,
    de: "Gebietsstand",
    en: "Gebietsstand (reference date)",
};
const KREIS_AGS: Field = Field {
    from: 11,
    to: 15,
    de: "Kreisschlüssel",
    en: "Kreis key (AGS)",
};
const GEMEINDE_AGS: Field = Field {
    from: 11,
    to: 18,
    de: "Gemeindeschlüssel",
    en: "Gemeinde key (AGS)",
};
const NAME: Field = Field {
    from: 23,
    to: 72,
    de: "Name",
    en: "name",
};
const TEXTKENNZEICHEN: Field = Field {
    from: 123,
    to: 124,
    de: "Textkennzeichen",
    en: "Textkennzeichen",
};
const POPULATION: Field = Field {
    from: 140,
    to: 150,
    de: "Bevölkerung",
    en: "population",
};

impl Field {
    fn columns(&self) -> String {
        format!("{}-{}", self.from, self.to)
    }

    fn get<'a>(&self, record: &Record<'a>, line: usize) -> Result<&'a str> {
        record.field(self.from, self.to).ok_or_else(|| {
            line_error(
                Msg::Gv100adFieldMissing,
                line,
                &[
                    ("chars", a(&record.chars)),
                    ("field", l(self.de, self.en)),
                    ("columns", a(&self.columns())),
                ],
            )
        })
    }

    /// The field's `value` is wrong in the way `msg` says; `extra` are its further arguments.
    #[cold]
    #[inline(never)]
    fn invalid(&self, msg: Msg, line: usize, value: &str, extra: &Args) -> Error {
        let (columns, quoted) = (self.columns(), quote(value));
        let mut args = vec![
            ("field", l(self.de, self.en)),
            ("columns", a(&columns)),
            ("value", a(&quoted)),
        ];
        args.extend_from_slice(extra);
        line_error(msg, line, &args)
    }

    /// The name: trimmed, not empty, no control characters.
    fn name(&self, record: &Record<'_>, line: usize) -> Result<String> {
        let raw = self.get(record, line)?;
        // ASCII trim first: cheap, and all the padding there is; then any other white space.
        let name = raw.trim_ascii().trim();
        if name.is_empty() {
            return Err(self.invalid(Msg::Gv100adFieldEmpty, line, raw, &[]));
        }
        let has_control = if name.is_ascii() {
            name.bytes().any(|b| b.is_ascii_control())
        } else {
            name.chars().any(char::is_control)
        };
        if has_control {
            return Err(self.invalid(Msg::Gv100adFieldControl, line, name, &[]));
        }
        Ok(name.to_string())
    }

    /// A count: digits, possibly padded with blanks; blank means 0.
    fn count(&self, record: &Record<'_>, line: usize) -> Result<u64> {
        let raw = self.get(record, line)?;
        let digits = raw.trim_matches(' ');
        if digits.is_empty() {
            return Ok(0);
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.invalid(Msg::Gv100adNotANumber, line, raw, &[]));
        }
        // At most 11 digits: always fits.
        digits
            .parse()
            .map_err(|_| self.invalid(Msg::Gv100adNotANumber, line, raw, &[]))
    }
}

/// `YYYYMMDD` → `YYYY-MM-DD`, if it is a real calendar date.
fn iso_date(raw: &str) -> Option<String> {
    if raw.len() != 8 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u32 = raw.get(0..4)?.parse().ok()?;
    let month: u32 = raw.get(4..6)?.parse().ok()?;
    let day: u32 = raw.get(6..8)?.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1900..=2999).contains(&year) || day == 0 || day > days {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// What a record of each Satzart holds in the key columns 11-22 (digits, then blanks; a
/// Gemeindeverband record also has its Verband digits in 19-22) and which Textkennzeichen
/// (123-124) it may carry, after the Datensatzbeschreibung.
struct Layout {
    /// Digits from column 11 on (2 = Land only … 12 = the whole Regionalschlüssel).
    key_digits: usize,
    /// Columns 19-22, the Gemeindeverband: digits (Satzart 50, after blanks in 16-18), digits or
    /// blank (Satzart 60), or blank (the others).
    verband: Verband,
    /// Allowed Textkennzeichen (inclusive range), or `None` for blank.
    textkennzeichen: Option<(u8, u8)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verband {
    Blank,
    Digits,
    DigitsOrBlank,
}

fn layout(satzart: &[u8]) -> Option<Layout> {
    let l = |key_digits, verband, textkennzeichen| Layout {
        key_digits,
        verband,
        textkennzeichen,
    };
    Some(match satzart {
        b"10" => l(2, Verband::Blank, None),
        b"20" => l(3, Verband::Blank, None),
        b"30" => l(4, Verband::Blank, None),
        b"40" => l(5, Verband::Blank, Some((41, 45))),
        b"50" => l(5, Verband::Digits, Some((50, 58))),
        b"60" => l(8, Verband::DigitsOrBlank, Some((60, 67))),
        _ => return None,
    })
}

const KEY: Field = Field {
    from: 11,
    to: 22,
    de: "Regionalschlüssel",
    en: "Regionalschlüssel (key)",
};
const AREA: Field = Field {
    from: 129,
    to: 139,
    de: "Fläche",
    en: "area",
};
const MALE: Field = Field {
    from: 151,
    to: 161,
    de: "Bevölkerung männlich",
    en: "male population",
};
const EMPTY_FIELDS: Field = Field {
    from: 129,
    to: 200,
    de: "Leerfeld",
    en: "blank field",
};

/// A Kreis or Gemeinde with the line it came from, for error messages after the pass.
struct Row {
    kommune: Kommune,
    line: usize,
    /// Textkennzeichen 65/66: gemeindefreies Gebiet (Satzart 60 only).
    gemeindefrei: bool,
}

/// Keeps the error with the lowest line number, so that checks made after the pass still report
/// the first problem in the file.
fn keep_first(first: &mut Option<(usize, Error)>, line: usize, make: impl FnOnce() -> Error) {
    let earlier = match first {
        Some((l, _)) => line < *l,
        None => true,
    };
    if earlier {
        *first = Some((line, make()));
    }
}

/// The reader proper: fed one line at a time (from a whole text or from a stream), so a file is
/// never held in memory as a whole; only its Kreise and Gemeinden are kept.
struct Parser {
    /// The first record's Gebietsstand (raw bytes, ISO form, line); all others must equal it.
    gebietsstand: Option<([u8; 8], String, usize)>,
    kreise: Vec<Row>,
    gemeinden: Vec<Row>,
    records: usize,
    /// Number of the line fed last.
    line: usize,
    /// The first empty line not yet followed by a record: empty lines may only end the file.
    empty_since: Option<usize>,
}

impl Parser {
    fn new(capacity_hint: usize) -> Self {
        Parser {
            gebietsstand: None,
            kreise: Vec::with_capacity(512),
            // About two thirds of the records are Gemeinden; capped so that a large wrong upload
            // does not reserve memory before its first line is even read.
            gemeinden: Vec::with_capacity((capacity_hint / 330).min(16_384)),
            records: 0,
            line: 0,
            empty_since: None,
        }
    }

    /// One line without its line end; `terminated` is false only for a last line without one.
    fn line(&mut self, content: &str, terminated: bool) -> Result<()> {
        self.line += 1;
        let line = self.line;
        if content.is_empty() {
            self.empty_since.get_or_insert(line);
            return Ok(());
        }
        if let Some(empty) = self.empty_since {
            return Err(line_error(Msg::Gv100adEmptyLine, empty, &[]));
        }
        self.records += 1;

        let record = Record::new(content).map_err(|chars| too_long(line, chars))?;
        let satzart = SATZART.get(&record, line)?;
        let Some(layout) = layout(satzart.as_bytes()) else {
            return Err(SATZART.invalid(Msg::Gv100adUnknownSatzart, line, satzart, &[]));
        };
        check_complete(&record, line, satzart, terminated)?;
        self.gebietsstand(&record, line)?;
        check_key(&record, line, satzart, &layout)?;
        let name = NAME.name(&record, line)?;
        let kennzeichen = textkennzeichen(&record, line, satzart, &layout)?;
        self.keep(&record, line, satzart, name, kennzeichen)
    }

    /// The record's Gebietsstand: a real date, the same in every record.
    fn gebietsstand(&mut self, record: &Record<'_>, line: usize) -> Result<()> {
        let stand = GEBIETSSTAND.get(record, line)?;
        match &self.gebietsstand {
            None => {
                let invalid = || GEBIETSSTAND.invalid(Msg::Gv100adInvalidDate, line, stand, &[]);
                let iso = iso_date(stand).ok_or_else(invalid)?;
                let raw = <[u8; 8]>::try_from(stand.as_bytes()).map_err(|_| invalid())?;
                self.gebietsstand = Some((raw, iso, line));
            }
            Some((first, iso, first_line))
                if <[u8; 8]>::try_from(stand.as_bytes()).ok() != Some(*first) =>
            {
                return Err(GEBIETSSTAND.invalid(
                    Msg::Gv100adOtherGebietsstand,
                    line,
                    stand,
                    &[("first", a(first_line)), ("iso", a(iso))],
                ));
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// Keeps a Kreis (Satzart 40) or Gemeinde (60) with its name; the other Satzarten must have
    /// their number columns blank.
    fn keep(
        &mut self,
        record: &Record<'_>,
        line: usize,
        satzart: &str,
        name: String,
        kennzeichen: &str,
    ) -> Result<()> {
        match satzart.as_bytes() {
            b"40" => self.kreise.push(Row {
                kommune: Kommune {
                    ags: KREIS_AGS.get(record, line)?.to_string(),
                    name,
                    population: 0,
                },
                line,
                gemeindefrei: false,
            }),
            b"60" => {
                AREA.count(record, line)?;
                let population = POPULATION.count(record, line)?;
                MALE.count(record, line)?;
                self.gemeinden.push(Row {
                    kommune: Kommune {
                        ags: GEMEINDE_AGS.get(record, line)?.to_string(),
                        name,
                        population,
                    },
                    line,
                    gemeindefrei: matches!(kennzeichen, "65" | "66"),
                });
            }
            // Land, Regierungsbezirk, Region, Gemeindeverband: columns 129-200 are blank.
            _ => {
                let rest = EMPTY_FIELDS.get(record, line)?;
                if !rest.bytes().all(|b| b == b' ') {
                    return Err(EMPTY_FIELDS.invalid(
                        Msg::Gv100adNotBlank,
                        line,
                        rest.trim(),
                        &[("satzart", a(&satzart))],
                    ));
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<KommunenDataset> {
        let Parser {
            gebietsstand,
            mut kreise,
            mut gemeinden,
            records,
            ..
        } = self;
        let Some((_, gebietsstand, _)) = gebietsstand else {
            return Err(Error::new(Msg::Gv100adNoRecords, "gv100ad", &[]));
        };
        if gemeinden.is_empty() {
            return Err(Error::new(
                Msg::Gv100adNoGemeinden,
                "gv100ad",
                &[("records", a(&records))],
            ));
        }

        // Destatis ships the file sorted, so these stable sorts are nearly free.
        // (One function for both: one copy of the sort's code in the WASM module.)
        let by_ags = |a: &Row, b: &Row| a.kommune.ags.cmp(&b.kommune.ags);
        kreise.sort_by(by_ags);
        gemeinden.sort_by(by_ags);

        let mut first_error: Option<(usize, Error)> = None;
        check_unique(&kreise, &mut first_error);
        check_unique(&gemeinden, &mut first_error);
        let kreis_population = kreis_populations(&kreise, &gemeinden, &mut first_error);
        if let Some((_, error)) = first_error {
            return Err(error);
        }

        let kreise = kreise
            .into_iter()
            .zip(kreis_population)
            .map(|(row, population)| Kommune {
                population,
                ..row.kommune
            })
            .collect();
        let gemeinden = gemeinden.into_iter().map(|row| row.kommune).collect();
        Ok(KommunenDataset {
            source: source(&gebietsstand),
            gebietsstand,
            kreise,
            gemeinden: Some(gemeinden),
        })
    }
}

/// A key that occurs twice in `rows` (sorted by AGS) is an error at its later line.
fn check_unique(rows: &[Row], first_error: &mut Option<(usize, Error)>) {
    for pair in rows.windows(2) {
        if let [x, y] = pair {
            if x.kommune.ags == y.kommune.ags {
                let (earlier, later) = (x.line.min(y.line), x.line.max(y.line));
                keep_first(first_error, later, || {
                    line_error(
                        Msg::Gv100adDuplicateKey,
                        later,
                        &[
                            ("key", a(&x.kommune.ags)),
                            ("end", a(&(10 + x.kommune.ags.len()))),
                            ("first", a(&earlier)),
                        ],
                    )
                });
            }
        }
    }
}

/// The Kreise's populations: the sums of their Gemeinden (both lists sorted by AGS).
fn kreis_populations(
    kreise: &[Row],
    gemeinden: &[Row],
    first_error: &mut Option<(usize, Error)>,
) -> Vec<u64> {
    // Kreis populations are the sums of their Gemeinden. A Gemeinde outside any Kreis is only
    // acceptable as an uninhabited gemeindefreies Gebiet: the real files have a few (the
    // German-Luxembourgish condominium 07000999, the coastal waters of
    // Mecklenburg-Vorpommern 13000998/13000999), which have no Kreis record and change no
    // Kreis total. Both lists are sorted, so one merge walk finds every Gemeinde's Kreis.
    let mut kreis_population = vec![0u64; kreise.len()];
    let mut k = 0;
    for gemeinde in gemeinden {
        let kreis_ags = gemeinde.kommune.ags.get(..5).unwrap_or_default();
        while kreise
            .get(k)
            .is_some_and(|kreis| kreis.kommune.ags.as_str() < kreis_ags)
        {
            k += 1;
        }
        let found = kreise
            .get(k)
            .is_some_and(|kreis| kreis.kommune.ags == kreis_ags);
        match found {
            true => {
                if let Some(sum) = kreis_population.get_mut(k) {
                    *sum = sum.saturating_add(gemeinde.kommune.population);
                }
            }
            false if gemeinde.gemeindefrei && gemeinde.kommune.population == 0 => {}
            false => keep_first(first_error, gemeinde.line, || {
                line_error(
                    Msg::Gv100adWithoutKreis,
                    gemeinde.line,
                    &[("ags", a(&gemeinde.kommune.ags)), ("kreis", a(&kreis_ags))],
                )
            }),
        }
    }
    kreis_population
}

/// Every record of every Satzart has all its 220 characters: a record cut short (by a broken
/// download or an editor) is never read as if the rest were blank.
fn check_complete(record: &Record<'_>, line: usize, satzart: &str, terminated: bool) -> Result<()> {
    if record.chars < RECORD_CHARS {
        return Err(if terminated {
            line_error(
                Msg::Gv100adShortRecord,
                line,
                &[
                    ("chars", a(&record.chars)),
                    ("max", a(&RECORD_CHARS)),
                    ("satzart", a(&satzart)),
                ],
            )
        } else {
            line_error(
                Msg::Gv100adEndsInRecord,
                line,
                &[("chars", a(&record.chars)), ("max", a(&RECORD_CHARS))],
            )
        });
    }
    Ok(())
}

/// The key: Land 01-16, then the digits this Satzart has, blanks for the rest.
fn check_key(record: &Record<'_>, line: usize, satzart: &str, layout: &Layout) -> Result<()> {
    let key = KEY.get(record, line)?;
    if !key.is_ascii() {
        return Err(KEY.invalid(Msg::Gv100adNotDigits, line, key, &[]));
    }
    let (digits, rest) = key.split_at(layout.key_digits.min(key.len()));
    let (blanks, verband) = rest.split_at(rest.len().saturating_sub(4));
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(KEY.invalid(Msg::Gv100adNotDigits, line, key, &[]));
    }
    if !matches!(
        digits.get(..2).and_then(|l| l.parse::<u8>().ok()),
        Some(1..=16)
    ) {
        return Err(KEY.invalid(Msg::Gv100adNotALand, line, key, &[]));
    }
    let is_blank = |s: &str| s.bytes().all(|b| b == b' ');
    let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let blanks_ok = is_blank(blanks)
        && match layout.verband {
            Verband::Blank => is_blank(verband),
            Verband::Digits => is_digits(verband),
            Verband::DigitsOrBlank => is_digits(verband) || is_blank(verband),
        };
    if !blanks_ok {
        return Err(KEY.invalid(
            Msg::Gv100adKeyLayout,
            line,
            key,
            &[("satzart", a(&satzart))],
        ));
    }
    Ok(())
}

/// The Textkennzeichen (123-124): one this Satzart may have.
fn textkennzeichen<'a>(
    record: &Record<'a>,
    line: usize,
    satzart: &str,
    layout: &Layout,
) -> Result<&'a str> {
    let kennzeichen = TEXTKENNZEICHEN.get(record, line)?;
    let kennzeichen_ok = match layout.textkennzeichen {
        None => kennzeichen == "  ",
        Some((lo, hi)) => kennzeichen
            .parse::<u8>()
            .is_ok_and(|k| (lo..=hi).contains(&k) && kennzeichen.len() == 2),
    };
    if !kennzeichen_ok {
        return Err(TEXTKENNZEICHEN.invalid(
            Msg::Gv100adTextkennzeichen,
            line,
            kennzeichen,
            &[("satzart", a(&satzart))],
        ));
    }
    Ok(kennzeichen)
}

#[cold]
#[inline(never)]
fn too_long(line: usize, chars: usize) -> Error {
    line_error(
        Msg::Gv100adTooLong,
        line,
        &[
            ("chars", a(&chars)),
            ("max", a(&RECORD_CHARS)),
            ("next", a(&(RECORD_CHARS + 1))),
        ],
    )
}

/// Splits one line (with its `\n`, if any) into content and whether it was terminated.
fn strip_line_end(piece: &str) -> (&str, bool) {
    let terminated = piece.ends_with('\n');
    let content = piece.strip_suffix('\n').unwrap_or(piece);
    (content.strip_suffix('\r').unwrap_or(content), terminated)
}

fn parse_text(text: &str) -> Result<KommunenDataset> {
    let mut parser = Parser::new(text.len());
    let mut offset = 0usize;
    for piece in text.split_inclusive('\n') {
        offset += piece.len();
        let (content, terminated) = strip_line_end(piece);
        // Empty lines that only end the file are decided in one pass over the rest, not line by
        // line: 63 MiB of line ends took 1.7 s (16 s in a debug build) that way.
        if content.is_empty()
            && parser.empty_since.is_none()
            && only_empty_lines(text.as_bytes().get(offset..).unwrap_or_default())
        {
            break;
        }
        parser.line(content, terminated)?;
    }
    parser.finish()
}

/// True if `rest` is nothing but line ends (`\n`, `\r\n`, a final `\r`): empty lines at the end.
fn only_empty_lines(rest: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = rest.get(i) {
        i += match (b, rest.get(i + 1)) {
            (b'\n', _) => 1,
            (b'\r', Some(b'\n')) => 2,
            (b'\r', None) => 1,
            _ => return false,
        };
    }
    true
}

/// How a streamed file's text is encoded, decided by its first line that is not ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Undecided,
    Utf8,
    Latin1,
}

/// Longest line the stream reader buffers: 220 characters of up to 4 bytes, `\r\n`.
const MAX_LINE_BYTES: usize = RECORD_CHARS * 4 + 2;

/// Reads a GV100AD file chunk by chunk (a `fetch` body, a `Blob` stream): only the current line is
/// buffered, so memory stays bounded whatever the file's size, and errors carry the same line
/// numbers as [`parse`] gives. Encoding: UTF-8 (with or without BOM) or Latin-1, decided by the
/// first line that is not ASCII; a file that switches between the two is refused.
///
/// ```
/// use efa_rechner::gv100ad::StreamReader;
///
/// let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gv100ad/valid-utf8.txt"));
/// let mut reader = StreamReader::new();
/// for chunk in bytes.chunks(100) {
///     reader.push(chunk)?;
/// }
/// assert_eq!(reader.finish()?, efa_rechner::gv100ad::parse(bytes)?);
/// # Ok::<(), efa_rechner::Error>(())
/// ```
pub struct StreamReader {
    parser: Parser,
    /// The start of a line whose end has not arrived yet.
    pending: Vec<u8>,
    total: usize,
    encoding: Encoding,
}

impl Default for StreamReader {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamReader {
    /// A reader at the start of a file.
    pub fn new() -> Self {
        StreamReader {
            parser: Parser::new(4 * 1024 * 1024),
            pending: Vec::with_capacity(MAX_LINE_BYTES),
            total: 0,
            encoding: Encoding::Undecided,
        }
    }

    /// Feeds the next chunk of the file (any size, cut anywhere).
    pub fn push(&mut self, chunk: &[u8]) -> Result<()> {
        self.total = self.total.saturating_add(chunk.len());
        check_size(self.total)?;
        let mut rest = chunk;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(end);
            rest = tail.get(1..).unwrap_or_default();
            if self.pending.is_empty() {
                self.feed(head, true)?;
            } else {
                let mut line = std::mem::take(&mut self.pending);
                line.extend_from_slice(head);
                let result = self.feed(&line, true);
                line.clear();
                self.pending = line;
                result?;
            }
        }
        if self.pending.len() + rest.len() > MAX_LINE_BYTES {
            // No line end in sight: refuse now rather than buffer a huge line.
            return Err(too_long(
                self.parser.line + 1,
                (self.pending.len() + rest.len()).min(MAX_BYTES),
            ));
        }
        self.pending.extend_from_slice(rest);
        Ok(())
    }

    /// Reads the last line (if the file does not end with a line end) and checks the whole.
    pub fn finish(mut self) -> Result<KommunenDataset> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.feed(&line, false)?;
        }
        self.parser.finish()
    }

    fn feed(&mut self, bytes: &[u8], terminated: bool) -> Result<()> {
        let bytes = match self.parser.line {
            0 => bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes),
            _ => bytes,
        };
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.is_ascii() {
            // ASCII reads the same in both encodings.
            let text = std::str::from_utf8(bytes).unwrap_or_default();
            return self.parser.line(text, terminated);
        }
        let line = self.parser.line + 1;
        let (text, encoding) = match std::str::from_utf8(bytes) {
            Ok(text) => (std::borrow::Cow::Borrowed(text), Encoding::Utf8),
            Err(_) => (
                std::borrow::Cow::Owned(decode_latin1(bytes)),
                Encoding::Latin1,
            ),
        };
        match self.encoding {
            Encoding::Undecided => self.encoding = encoding,
            e if e != encoding => return Err(line_error(Msg::Gv100adEncodingChanges, line, &[])),
            _ => {}
        }
        self.parser.line(&text, terminated)
    }
}

/// The citation of a GV100AD edition, given its Gebietsstand (ISO date).
pub fn source(gebietsstand: &str) -> Source {
    let german = match (
        gebietsstand.get(0..4),
        gebietsstand.get(5..7),
        gebietsstand.get(8..10),
    ) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => gebietsstand.to_string(),
    };
    Source {
        id: format!("gv100ad-{gebietsstand}"),
        title: format!("Destatis, Gemeindeverzeichnis GV100AD, Gebietsstand {german}"),
        licence: Some(LICENCE.to_string()),
        reference_date: Some(gebietsstand.to_string()),
    }
}
