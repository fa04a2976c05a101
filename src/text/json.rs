//! A strict JSON reader for requests.
//!
//! Why not `serde_json::Value`: the contract accepts JSON numbers as money only where they are
//! exact in the JSON *text* (`12.5` yes, never via a binary float), duplicate keys must be
//! reported instead of silently taking the last one, and errors must name line and column.
//! So numbers keep their source text, objects keep every key in order, and depth is limited.
//!
//! The same [`Json`] type is also built from JavaScript values (through `serde::Deserialize`)
//! by the WASM door, so both doors validate one representation.

use crate::error::{a, Error, Msg, Result};

/// The largest JSON value the reader builds, as text or from another serde format: the request
/// limit lives here, in the lowest module that enforces it, so no reader reaches up for it.
pub const MAX_BYTES: usize = 1 << 20;
use std::cell::Cell;
use std::fmt;

/// Deepest nesting accepted; a request needs about six levels.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
/// A JSON value as the strict reader keeps it: numbers as their text, object keys in order
/// with duplicates (so that they can be reported).
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The number exactly as written (`"12.50"`, `"1e3"`); converted by the field that reads it.
    Number(String),
    /// A string.
    String(String),
    /// A list.
    Array(Vec<Json>),
    /// Keys in document order; duplicates are kept so that validation can report them.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A short German/English name of the JSON type, for error messages.
    ///
    /// ```
    /// assert_eq!(efa_rechner::Json::Null.type_name(), ("null", "null"));
    /// assert_eq!(efa_rechner::Json::Array(vec![]).type_name(), ("Liste", "array"));
    /// ```
    pub fn type_name(&self) -> (&'static str, &'static str) {
        match self {
            Json::Null => ("null", "null"),
            Json::Bool(_) => ("Wahrheitswert", "boolean"),
            Json::Number(_) => ("Zahl", "number"),
            Json::String(_) => ("Zeichenkette", "string"),
            Json::Array(_) => ("Liste", "array"),
            Json::Object(_) => ("Objekt", "object"),
        }
    }
}

/// Parses a complete JSON document. A leading byte-order mark and surrounding whitespace are
/// accepted (editors on Windows add a BOM).
pub fn parse(text: &str) -> Result<Json> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.error(Msg::JsonTrailing));
    }
    Ok(value)
}

/// Parses bytes, reporting invalid UTF-8 as `invalid_json` with its position.
pub fn parse_bytes(bytes: &[u8]) -> Result<Json> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let (line, col) = line_col(std::str::from_utf8(valid).unwrap_or(""), valid.len());
            Err(Error::new(
                Msg::JsonNotUtf8,
                "",
                &[("line", a(&line)), ("col", a(&col))],
            ))
        }
    }
}

fn line_col(text: &str, byte_pos: usize) -> (usize, usize) {
    let upto = text.get(..byte_pos).unwrap_or(text);
    let line = upto.matches('\n').count() + 1;
    let col = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, msg: Msg) -> Error {
        let (line, col) = line_col(self.text, self.pos.min(self.src.len()));
        Error::new(msg, "", &[("line", a(&line)), ("col", a(&col))])
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, lit: &str, value: Json) -> Result<Json> {
        if self.src[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            Ok(value)
        } else {
            Err(self.error(Msg::JsonUnknownLiteral))
        }
    }

    fn value(&mut self) -> Result<Json> {
        match self.peek() {
            None => Err(self.error(Msg::JsonUnexpectedEnd)),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_literal("true", Json::Bool(true)),
            Some(b'f') => self.expect_literal("false", Json::Bool(false)),
            Some(b'n') => self.expect_literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error(Msg::JsonUnexpectedChar)),
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> Result<Json>) -> Result<Json> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(Msg::JsonTooDeep));
        }
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn object(&mut self) -> Result<Json> {
        self.pos += 1; // '{'
        let mut fields = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(fields));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error(Msg::JsonExpectedName));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error(Msg::JsonExpectedColon));
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value()?;
            fields.push((key, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(fields));
                }
                _ => return Err(self.error(Msg::JsonExpectedCommaOrBrace)),
            }
        }
    }

    fn array(&mut self) -> Result<Json> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error(Msg::JsonExpectedCommaOrBracket)),
            }
        }
    }

    fn number(&mut self) -> Result<Json> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error(Msg::JsonExpectedDigit)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(Msg::JsonExpectedFraction));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(Msg::JsonExpectedExponent));
            }
            self.digits();
        }
        Ok(Json::Number(self.text[start..self.pos].to_string()))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error(Msg::JsonInvalidUnicodeEscape)),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes, so the run ends on a character boundary.
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                None => return Err(self.error(Msg::JsonUnterminatedString)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.peek();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if !self.src[self.pos..].starts_with(b"\\u") {
                                    return Err(self.error(Msg::JsonLoneSurrogate));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error(Msg::JsonLoneSurrogate));
                                }
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => return Err(self.error(Msg::JsonLoneSurrogate)),
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error(Msg::JsonInvalidEscape));
                        }
                    }
                }
                Some(_) => return Err(self.error(Msg::JsonControlChar)),
            }
        }
    }
}

/// Writes [`Json`] back (plans echo each entry's request). A number stays a JSON number when it
/// is an integer; any other number is written as the exact decimal string it means (`12.50` →
/// `"12.50"`, `1.25e2` → `"125"`), which every money, share and weight field reads the same way.
impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => {
                if let Ok(i) = n.parse::<i64>() {
                    s.serialize_i64(i)
                } else if let Some(d) = crate::num::money::parse_json_number(n) {
                    s.serialize_str(&d.to_string())
                } else {
                    s.serialize_str(n)
                }
            }
            Json::String(v) => s.serialize_str(v),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(fields) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Builds [`Json`] from any serde data format with the limits of the text reader: at most
/// `MAX_DEPTH` levels of nesting (deeper input would overflow the stack, a cyclic one never
/// ends) and a size budget of `MAX_BYTES`, counting one per value plus
/// the bytes of every string and field name (what the same value needs at least as JSON text).
/// Binary floats are written in their shortest round-trip decimal form (`0.1` stays `0.1`).
impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let limits = Limits {
            budget: Cell::new(MAX_BYTES),
        };
        serde::de::DeserializeSeed::deserialize(
            Seed {
                depth: 0,
                limits: &limits,
            },
            d,
        )
    }
}

/// What is left of the size budget.
struct Limits {
    budget: Cell<usize>,
}

impl Limits {
    /// Takes `cost` from the budget; fails once it is spent.
    fn charge<E: serde::de::Error>(&self, cost: usize) -> std::result::Result<(), E> {
        match self.budget.get().checked_sub(cost) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(format!(
                "the value is larger than a JSON request of {} bytes may be",
                MAX_BYTES
            ))),
        }
    }
}

#[derive(Clone, Copy)]
struct Seed<'l> {
    /// Containers around the value.
    depth: usize,
    limits: &'l Limits,
}

impl<'de> serde::de::DeserializeSeed<'de> for Seed<'_> {
    type Value = Json;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<Json, D::Error> {
        d.deserialize_any(self)
    }
}

impl Seed<'_> {
    /// The seed for the values inside a container, or an error when it would nest too deeply.
    fn enter<E: serde::de::Error>(self) -> std::result::Result<Self, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.limits.charge(1)?;
        Ok(Seed {
            depth: self.depth + 1,
            limits: self.limits,
        })
    }
}

impl<'de> serde::de::Visitor<'de> for Seed<'_> {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<Json, E> {
        self.limits.charge(1)?;
        Ok(Json::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Json, E> {
        self.limits.charge(1)?;
        Ok(Json::Number(v.to_string()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Json, E> {
        self.limits.charge(1)?;
        Ok(Json::Number(v.to_string()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Json, E> {
        self.limits.charge(1)?;
        if v.is_finite() {
            Ok(Json::Number(format!("{v}")))
        } else {
            // NaN and Infinity are not JSON; keep them as text so the field reports them.
            Ok(Json::String(format!("{v}")))
        }
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Json, E> {
        self.limits.charge(1 + v.len())?;
        Ok(Json::String(v.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> std::result::Result<Json, E> {
        self.limits.charge(1 + v.len())?;
        Ok(Json::String(v))
    }
    fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Json, E> {
        self.limits.charge(1)?;
        Ok(Json::Null)
    }
    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Json, E> {
        self.limits.charge(1)?;
        Ok(Json::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<Json, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Json, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Json, A::Error> {
        let inner = self.enter()?;
        let mut fields = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            self.limits.charge(k.len())?;
            let v = map.next_value_seed(inner)?;
            fields.push((k, v));
        }
        Ok(Json::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn keeps_number_text_and_duplicate_keys() {
        let v = parse(r#"{"a": 12.50, "a": -1e3, "s": "x\u00e4\ud83d\ude00"}"#).unwrap();
        assert_eq!(
            v,
            Json::Object(vec![
                ("a".into(), Json::Number("12.50".into())),
                ("a".into(), Json::Number("-1e3".into())),
                ("s".into(), Json::String("xä😀".into())),
            ])
        );
    }

    #[test]
    fn reports_line_and_column() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidJson);
        assert!(
            e.message.en.contains("line 2, column 8"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn rejects_deep_nesting_without_recursing_forever() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.en.contains("nested too deeply"));
    }

    #[test]
    fn rejects_malformed_input() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "\"\\x\"",
            "\"\u{1}\"",
            "nul",
            "\"\\ud800\"",
            "{} x",
            "[1 2]",
        ] {
            assert_eq!(
                parse(bad).unwrap_err().code,
                ErrorCode::InvalidJson,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn accepts_bom_and_whitespace() {
        assert_eq!(parse("\u{feff} \n 1 \t").unwrap(), Json::Number("1".into()));
    }

    #[test]
    fn invalid_utf8_is_invalid_json() {
        let e = parse_bytes(b"{\"a\": \"\xff\"}").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidJson);
        assert!(e.message.en.contains("UTF-8"));
    }
}
