//! Text out for the WASM door: any `Serialize` value as compact JSON, byte for byte what
//! `serde_json::to_string` writes for the engine's responses (checked in the tests below).
//! Hand-written for size: serde_json's writer brings `std::io`, float formatting and its parser's
//! messages into the WASM module (about 10 KB gzip), and is slower there at `opt-level = "z"`.
//! Floats are refused: no response has one.

use serde::ser::{self, Serialize};
use std::fmt::{self, Write as _};

/// `value` as compact JSON text; `None` only for a value with a float or a non-string map key.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut w = Writer(Vec::with_capacity(256));
    value.serialize(&mut w).ok()?;
    String::from_utf8(w.0).ok()
}

/// Why a value could not be written (a float, or a map key that is not a string).
#[derive(Debug)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not writable as JSON")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// The text so far, as bytes: pushing a byte is cheaper than pushing a `char` (no UTF-8
/// encoding step); only whole `str`s and ASCII go in, so it stays UTF-8.
struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, v: u128) {
        let mut buf = [0u8; 39];
        self.0
            .extend_from_slice(crate::num::money::digits(v, &mut buf).as_bytes());
    }

    fn int(&mut self, v: i128) {
        if v < 0 {
            self.0.push(b'-');
        }
        self.uint(v.unsigned_abs());
    }

    /// A JSON string with serde_json's escapes.
    fn string(&mut self, s: &str) {
        self.0.push(b'"');
        escaped(&mut self.0, s);
        self.0.push(b'"');
    }
}

/// `s` inside a JSON string, with serde_json's escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
/// `\t`, and `\u00XX` for the other control characters; everything else as it is.
fn escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    // (A plain index loop: at opt-level "z" it stays a tight loop; most strings need no escape.)
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..i - 1]);
        start = i;
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 15)]);
            }
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Writes `Display` output straight into a JSON string (money, shares), escaping as it goes.
struct Escaping<'a>(&'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escaped(self.0, s);
        Ok(())
    }
}

/// A sequence or map in progress: whether the next element is the first.
pub(crate) struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.0.push(b',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.comma();
        v.serialize(&mut *self.w)
    }

    /// A struct field: its key is a field name of the engine's own types (letters only), so it
    /// is copied without the escape scan.
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<(), Unsupported> {
        // (the tests write every response type, so a name that needs escaping fails them)
        debug_assert!(
            key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
            "{key}"
        );
        self.comma();
        self.w.0.push(b'"');
        self.w.0.extend_from_slice(key.as_bytes());
        self.w.0.extend_from_slice(b"\":");
        v.serialize(&mut *self.w)
    }

    fn finish(self) -> Result<(), Unsupported> {
        self.w.0.extend_from_slice(self.close.as_bytes());
        Ok(())
    }
}

impl Writer {
    fn open(&mut self, open: &str, close: &'static str) -> Compound<'_> {
        self.0.extend_from_slice(open.as_bytes());
        Compound {
            w: self,
            first: true,
            close,
        }
    }
}

/// A map key: JSON wants strings (serde_json also quotes integer keys; the engine has none).
struct Key<'a>(&'a mut Writer);

macro_rules! refuse {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, _: $t) -> Result<(), Unsupported> {
            Err(Unsupported)
        })*
    };
}

impl<'a> ser::Serializer for Key<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), Unsupported> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    refuse!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_bytes: &[u8], serialize_unit_struct: &'static str);
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.0.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unsupported> {
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unsupported> {
        let mut seq = self.open("[", "]");
        for b in v {
            seq.element(b)?;
        }
        seq.finish()
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.0.extend_from_slice("null".as_bytes());
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.0.extend_from_slice("null".as_bytes());
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), Unsupported> {
        self.string(v);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        let mut m = self.open("{", "}");
        m.field(variant, v)?;
        m.finish()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.0.push(b'{');
        self.string(variant);
        Ok(self.open(":[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.0.push(b'{');
        self.string(variant);
        Ok(self.open(":{", "}}"))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, v: &T) -> Result<(), Unsupported> {
        self.0.push(b'"');
        write!(Escaping(&mut self.0), "{v}").map_err(|_| Unsupported)?;
        self.0.push(b'"');
        Ok(())
    }
}

/// The four list-like serde traits do the same thing: each element after a comma, then `]`.
macro_rules! list_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
                self.element(v)
            }
            fn end(self) -> Result<(), Unsupported> {
                self.finish()
            }
        }
    )*};
}

list_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.comma();
        key.serialize(Key(&mut *self.w))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.w.0.push(b':');
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde::Serialize;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Sample<'a> {
        text: &'a str,
        count: u64,
        negative: i32,
        big: u128,
        #[serde(skip_serializing_if = "Option::is_none")]
        absent: Option<u8>,
        none: Option<u8>,
        list: Vec<Vec<&'a str>>,
        flag: bool,
        unit: (),
        map: std::collections::BTreeMap<String, i64>,
        tagged: Tagged,
        shown: Shown,
    }

    #[derive(Serialize)]
    #[serde(tag = "t", content = "v", rename_all = "lowercase")]
    enum Tagged {
        Number(i64),
    }

    struct Shown;

    impl Serialize for Shown {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&format_args!("a\"b{}\\c\u{1}", 12))
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let all: String = (0u32..0x80)
            .filter_map(char::from_u32)
            .chain("äöü€😀".chars())
            .collect();
        let v = Sample {
            text: &all,
            count: u64::MAX,
            negative: i32::MIN,
            big: u128::MAX,
            absent: None,
            none: None,
            list: vec![vec![], vec!["x", "\u{7f}"]],
            flag: true,
            unit: (),
            map: [("2025".to_string(), -5), ("a\"".to_string(), 0)].into(),
            tagged: Tagged::Number(7),
            shown: Shown,
        };
        assert_eq!(to_string(&v).unwrap(), serde_json::to_string(&v).unwrap());
        assert_eq!(to_string(&Vec::<u8>::new()).unwrap(), "[]");
        assert_eq!(to_string(&""), Some("\"\"".to_string()));
    }

    #[test]
    fn refuses_floats_and_keys_that_are_not_strings() {
        assert_eq!(to_string(&1.5f64), None);
        let m: std::collections::BTreeMap<u8, u8> = [(1, 2)].into();
        assert_eq!(to_string(&m), None);
    }

    /// Every response of the contract examples, the plan examples, Kommune tables (rows and
    /// columns, from a GV100AD file) and the metadata: the same text as serde_json writes.
    #[test]
    #[cfg(not(target_arch = "wasm32"))] // reads files
    fn the_engine_responses_are_byte_identical() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let same = |what: &str, v: &dyn erased::Value| {
            assert_eq!(v.ours(), Some(v.theirs()), "{what}");
        };
        let mut dirs = vec![
            root.join("tests/fixtures/contract"),
            root.join("tests/fixtures/plan"),
        ];
        for shared in [
            "../shared/contract/examples",
            "../shared/contract/plan-examples",
        ] {
            let dir = root.join(shared);
            if dir.is_dir() {
                dirs.push(dir);
            } else {
                eprintln!("{shared} is absent: only the own fixtures are compared");
            }
        }
        let mut n = 0;
        for dir in dirs {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                if name.contains(".expected.") || name.ends_with(".md") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let plan = name.contains("plan");
                if plan {
                    let opts = crate::plan::read_json::PlanOptions::default();
                    if let Ok(r) = crate::plan::allocate_plan_text(&bytes, &opts) {
                        same(&name, &r);
                        n += 1;
                    }
                } else if let Ok(r) = crate::calc::allocate::allocate_json(&bytes, None) {
                    same(&name, &r);
                    n += 1;
                }
            }
        }
        assert!(n >= 8, "{n} responses compared");
        same("metadata", &crate::contract::metadata::metadata());
        let file = std::fs::read(root.join("tests/fixtures/gv100ad/valid-utf8.txt")).unwrap();
        let data = crate::data::gv100ad::parse(&file).unwrap();
        for level in ["kreis", "gemeinde"] {
            for format in ["rows", "columns"] {
                let request = format!(
                    r#"{{"year":2025,"costs":"1000000.00","model":"itplr-2023-35","alliance":["BY","HB"],"kommunen":{{"land":"HH","level":"{level}","format":"{format}"}}}}"#
                );
                let r = crate::calc::allocate::allocate_json(request.as_bytes(), Some(&data));
                same(&request, &r.unwrap());
            }
        }
    }

    /// Both writers behind one object-safe face, so the test can loop over response types.
    #[cfg(not(target_arch = "wasm32"))]
    mod erased {
        pub trait Value {
            fn ours(&self) -> Option<String>;
            fn theirs(&self) -> String;
        }
        impl<T: serde::Serialize> Value for T {
            fn ours(&self) -> Option<String> {
                super::to_string(self)
            }
            fn theirs(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }
}
