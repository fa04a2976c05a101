//! The contract's error: a stable code, a path to the offending field and a message in German and
//! English. Every door (library, CLI, WASM) reports failures with this one type. The texts of
//! every error and warning are in one catalogue, [`messages`].

mod messages;

pub(crate) use messages::{a, l, truncate, Args, Context, Msg, WarningMsg};
use serde::Serialize;
use std::fmt;

/// The error codes of contract version 1 and of plans (version 1.1), plus the extensions
/// documented in the README (`invalid_unit`, `limit_exceeded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The text is not JSON (or not UTF-8), or a key occurs twice.
    InvalidJson,
    /// The request (or a field) has the wrong shape.
    InvalidRequest,
    /// A field the contract does not know (a typo).
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// The year is not a whole number from 2000 to 2100.
    InvalidYear,
    /// An amount is not a non-negative decimal up to 10¹³.
    InvalidAmount,
    /// An amount is not a whole number of rounding units.
    AmountNotMultipleOfUnit,
    /// A Land that does not exist.
    UnknownLand,
    /// A Land named twice.
    DuplicateLand,
    /// The alliance is not a list of Länder or `"all"`.
    InvalidAlliance,
    /// The alliance is empty.
    EmptyAlliance,
    /// A model that does not exist.
    UnknownModel,
    /// A tranche's payers are not `alliance`, `all`, `bund` or Länder.
    InvalidPayers,
    /// A share is not between 0 and 1.
    InvalidRatio,
    /// Tranche shares or mix weights do not sum to exactly 1.
    SharesDoNotSumToOne,
    /// A key that does not exist.
    UnknownKey,
    /// A weight, usage or target-group figure is not a non-negative decimal.
    InvalidWeight,
    /// A key gives a whole payer group the weight 0.
    ZeroWeights,
    /// A membership for a Land outside the alliance.
    NotAMember,
    /// A date that is not `YYYY-MM-DD`.
    InvalidDate,
    /// A date outside the Wirtschaftsjahr.
    DateOutsideYear,
    /// A membership that ends before it begins, or a time with no member.
    EmptyPeriod,
    /// The Kommune level for a Land that pays nothing.
    NotAPayer,
    /// Gemeinde data needed but not loaded.
    MissingGv100ad,
    /// A GV100AD file (or the Gemeinde table) that cannot be read.
    InvalidGv100ad,
    /// Extension: `rounding.unit` is not a positive decimal the engine supports.
    InvalidUnit,
    /// Extension: a documented size limit (request bytes, list length, file size) was exceeded.
    LimitExceeded,
    /// Plans (1.1): not a plan object, no entries, more than 500 entries, a bad title or service.
    InvalidPlan,
    /// Plans (1.1): an entry's `line` is not `fokus` or `foederal`.
    InvalidLine,
    /// Plans (1.1): a CSV plan that cannot be read (path `csv:LINE:COLUMN`).
    InvalidCsv,
    /// Plans (1.2): a workbook that cannot be read, or no sheet with a plan (path `sheet` or
    /// `sheet:NAME!CELL`).
    InvalidSheet,
}

impl ErrorCode {
    /// The code as the contract writes it (`unknown_land`).
    ///
    /// ```
    /// assert_eq!(efa_rechner::ErrorCode::UnknownLand.as_str(), "unknown_land");
    /// assert_eq!(efa_rechner::ErrorCode::ALL.len(), efa_rechner::metadata().error_codes.len());
    /// ```
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidJson => "invalid_json",
            InvalidRequest => "invalid_request",
            UnknownField => "unknown_field",
            MissingField => "missing_field",
            InvalidYear => "invalid_year",
            InvalidAmount => "invalid_amount",
            AmountNotMultipleOfUnit => "amount_not_multiple_of_unit",
            UnknownLand => "unknown_land",
            DuplicateLand => "duplicate_land",
            InvalidAlliance => "invalid_alliance",
            EmptyAlliance => "empty_alliance",
            UnknownModel => "unknown_model",
            InvalidPayers => "invalid_payers",
            InvalidRatio => "invalid_ratio",
            SharesDoNotSumToOne => "shares_do_not_sum_to_one",
            UnknownKey => "unknown_key",
            InvalidWeight => "invalid_weight",
            ZeroWeights => "zero_weights",
            NotAMember => "not_a_member",
            InvalidDate => "invalid_date",
            DateOutsideYear => "date_outside_year",
            EmptyPeriod => "empty_period",
            NotAPayer => "not_a_payer",
            MissingGv100ad => "missing_gv100ad",
            InvalidGv100ad => "invalid_gv100ad",
            InvalidUnit => "invalid_unit",
            LimitExceeded => "limit_exceeded",
            InvalidPlan => "invalid_plan",
            InvalidLine => "invalid_line",
            InvalidCsv => "invalid_csv",
            InvalidSheet => "invalid_sheet",
        }
    }

    /// Every code, for documentation and exhaustive tests.
    pub const ALL: [ErrorCode; 31] = {
        use ErrorCode::*;
        [
            InvalidJson,
            InvalidRequest,
            UnknownField,
            MissingField,
            InvalidYear,
            InvalidAmount,
            AmountNotMultipleOfUnit,
            UnknownLand,
            DuplicateLand,
            InvalidAlliance,
            EmptyAlliance,
            UnknownModel,
            InvalidPayers,
            InvalidRatio,
            SharesDoNotSumToOne,
            UnknownKey,
            InvalidWeight,
            ZeroWeights,
            NotAMember,
            InvalidDate,
            DateOutsideYear,
            EmptyPeriod,
            NotAPayer,
            MissingGv100ad,
            InvalidGv100ad,
            InvalidUnit,
            LimitExceeded,
            InvalidPlan,
            InvalidLine,
            InvalidCsv,
            InvalidSheet,
        ]
    };
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message in both languages of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Messages {
    /// German.
    pub de: String,
    /// English.
    pub en: String,
}

/// A failed request: `{"error": {"code", "path", "message": {"de", "en"}}}` on the wire. Every
/// door (library, CLI, WASM) reports bad input with this one type; nothing panics.
///
/// ```
/// use efa_rechner::{allocate_json, ErrorCode};
///
/// let error = allocate_json(br#"{"year": 2025, "costs": "-5.00", "alliance": ["BY"]}"#, None)
///     .unwrap_err();
/// assert_eq!(error.code, ErrorCode::InvalidAmount);
/// assert_eq!(error.path, "costs");
/// assert_eq!(error.message.de, "Betrag darf nicht negativ sein: \"-5.00\"");
/// assert_eq!(error.message.en, "amount must not be negative: \"-5.00\"");
/// assert_eq!(error.to_string(), "invalid_amount at costs: amount must not be negative: \"-5.00\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    /// What went wrong, as a stable code.
    pub code: ErrorCode,
    /// Where the problem is: `costs[1].amount`, `membership.HE.from`, `gv100ad:17`; empty for the
    /// request as a whole.
    pub path: String,
    /// What went wrong and what to do, in German and English.
    pub message: Messages,
}

impl Error {
    /// An error of the catalogue: its code, the path of the field, the arguments of its texts.
    pub(crate) fn new(msg: Msg, path: impl Into<String>, args: &Args) -> Self {
        Self::coded(msg.code(), msg, path, args)
    }

    /// A generic message (a field of the wrong type, a bad decimal) raised with the code of the
    /// field it is about.
    pub(crate) fn coded(code: ErrorCode, msg: Msg, path: impl Into<String>, args: &Args) -> Self {
        Error {
            code,
            path: path.into(),
            message: msg.render(args),
        }
    }

    /// The same error, its message set in a context (the cell of a CSV plan, a comparison).
    pub(crate) fn within(mut self, context: Context, args: &Args) -> Self {
        let Messages { de, en } = &self.message;
        let mut all = args.to_vec();
        all.push(("message", l(de, en)));
        self.message = context.render(&all);
        self
    }

    /// A file that cannot be read: `field` is the request field it stands for (`""` for the
    /// request itself, `gv100ad` for a GV100AD file), which also decides the code. For the doors
    /// that read files (the command line).
    ///
    /// ```
    /// let e = efa_rechner::Error::file_unreadable("x.json", "", &"no such file");
    /// assert_eq!((e.code.as_str(), e.message.en.as_str()), ("invalid_request", "cannot read file x.json: no such file"));
    /// ```
    pub fn file_unreadable(file: &str, field: &str, why: &dyn fmt::Display) -> Self {
        let msg = if field.is_empty() {
            Msg::RequestFileUnreadable
        } else {
            Msg::Gv100adFileUnreadable
        };
        Self::new(msg, field, &[("file", a(&file)), ("why", a(why))])
    }

    /// A file larger than the door reads (`limit_exceeded`); `field` as for
    /// [`Error::file_unreadable`].
    ///
    /// ```
    /// let e = efa_rechner::Error::file_too_large("big.txt", "gv100ad", 64);
    /// assert_eq!((e.code.as_str(), e.path.as_str()), ("limit_exceeded", "gv100ad"));
    /// assert_eq!(e.message.de, "Datei big.txt ist größer als 64 MiB");
    /// ```
    pub fn file_too_large(file: &str, field: &str, max_mib: u64) -> Self {
        Self::new(
            Msg::FileTooLarge,
            field,
            &[("file", a(&file)), ("mib", a(&max_mib))],
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message.en)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message.en)
        }
    }
}

impl std::error::Error for Error {}

/// The wire form `{"error": {...}}` used by the CLI.
#[derive(Debug, Serialize)]
pub struct ErrorEnvelope<'a> {
    /// The error.
    pub error: &'a Error,
}

/// A result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
