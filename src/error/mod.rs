//! The contract's error: a stable code, a path to the offending field and a message in German and
//! English. Every door (library, CLI, WASM) reports failures with this one type. The texts of
//! every error and warning are in one catalogue, [`messages`].

mod messages;

pub(crate) use messages::{a, l, truncate, Args, Context, Msg, WarningMsg};
use serde::Serialize;
use std::fmt;

/// Declares the codes once: the enum, its contract spelling ([`ErrorCode::as_str`], also what
/// serde writes) and [`ErrorCode::ALL`] cannot drift apart.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal,)+) => {
        /// The error codes of contract version 1 and of plans (versions 1.1 and 1.2), plus the
        /// extensions documented in docs/contract-extensions.md (`invalid_unit`,
        /// `limit_exceeded`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)+
        }

        impl ErrorCode {
            /// The code as the contract writes it (`unknown_land`).
            ///
            /// ```
            /// assert_eq!(efa_rechner::ErrorCode::UnknownLand.as_str(), "unknown_land");
            /// assert_eq!(efa_rechner::ErrorCode::ALL.len(), efa_rechner::metadata().error_codes.len());
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text,)+
                }
            }

            /// Every code, for documentation and exhaustive tests.
            pub const ALL: [ErrorCode; [$(ErrorCode::$variant,)+].len()] = [$(ErrorCode::$variant,)+];
        }
    };
}

error_codes! {
    /// The text is not JSON (or not UTF-8), or a key occurs twice.
    InvalidJson => "invalid_json",
    /// The request (or a field) has the wrong shape.
    InvalidRequest => "invalid_request",
    /// A field the contract does not know (a typo).
    UnknownField => "unknown_field",
    /// A required field is missing.
    MissingField => "missing_field",
    /// The year is not a whole number from 2000 to 2100.
    InvalidYear => "invalid_year",
    /// An amount is not a non-negative decimal up to 10¹³.
    InvalidAmount => "invalid_amount",
    /// An amount is not a whole number of rounding units.
    AmountNotMultipleOfUnit => "amount_not_multiple_of_unit",
    /// A Land that does not exist.
    UnknownLand => "unknown_land",
    /// A Land named twice.
    DuplicateLand => "duplicate_land",
    /// The alliance is not a list of Länder or `"all"`.
    InvalidAlliance => "invalid_alliance",
    /// The alliance is empty.
    EmptyAlliance => "empty_alliance",
    /// A model that does not exist.
    UnknownModel => "unknown_model",
    /// A tranche's payers are not `alliance`, `all`, `bund` or Länder.
    InvalidPayers => "invalid_payers",
    /// A share is not between 0 and 1.
    InvalidRatio => "invalid_ratio",
    /// Tranche shares or mix weights do not sum to exactly 1.
    SharesDoNotSumToOne => "shares_do_not_sum_to_one",
    /// A key that does not exist.
    UnknownKey => "unknown_key",
    /// A weight, usage or target-group figure is not a non-negative decimal.
    InvalidWeight => "invalid_weight",
    /// A key gives a whole payer group the weight 0.
    ZeroWeights => "zero_weights",
    /// A membership for a Land outside the alliance.
    NotAMember => "not_a_member",
    /// A date that is not `YYYY-MM-DD`.
    InvalidDate => "invalid_date",
    /// A date outside the Wirtschaftsjahr.
    DateOutsideYear => "date_outside_year",
    /// A membership that ends before it begins, or a time with no member.
    EmptyPeriod => "empty_period",
    /// The Kommune level for a Land that pays nothing.
    NotAPayer => "not_a_payer",
    /// Gemeinde data needed but not loaded.
    MissingGv100ad => "missing_gv100ad",
    /// A GV100AD file (or the Gemeinde table) that cannot be read.
    InvalidGv100ad => "invalid_gv100ad",
    /// Extension: `rounding.unit` is not a positive decimal the engine supports.
    InvalidUnit => "invalid_unit",
    /// Extension: a documented size limit (request bytes, list length, file size) was exceeded.
    LimitExceeded => "limit_exceeded",
    /// Plans (1.1): not a plan object, no entries, more than 500 entries, a bad title or service.
    InvalidPlan => "invalid_plan",
    /// Plans (1.1): an entry's `line` is not `fokus` or `foederal`.
    InvalidLine => "invalid_line",
    /// Plans (1.1): a CSV plan that cannot be read (path `csv:LINE:COLUMN`).
    InvalidCsv => "invalid_csv",
    /// Plans (1.2): a workbook that cannot be read, or no sheet with a plan (path `sheet` or
    /// `sheet:NAME!CELL`).
    InvalidSheet => "invalid_sheet",
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
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
