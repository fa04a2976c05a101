//! The ZIP container of a workbook, read from its central directory. Only what a workbook needs:
//! stored and deflated entries, no ZIP64, no encryption, no multi-disk archives. Every offset is
//! checked against the file (nothing outside it is ever read) and every entry is inflated against
//! the contract's budget (50 MB unpacked in all), trusting neither the declared sizes nor the
//! compression ratio.

use super::Limits;
use crate::error::{a, Error, Msg, Result};

use super::MAX_PARTS as MAX_ENTRIES;

/// One entry of the central directory.
struct Entry<'a> {
    name: &'a [u8],
    method: u16,
    flags: u16,
    compressed: usize,
    size: usize,
    local_header: usize,
}

/// A ZIP archive in memory.
pub struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry<'a>>,
    /// Bytes inflated so far, against [`Limits::unpacked`].
    unpacked: usize,
    limits: Limits,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn broken() -> Error {
    Error::new(
        Msg::WorkbookDamaged,
        "sheet",
        &[("what", a(&"ZIP directory"))],
    )
}

pub fn too_large(part: &str, limit: usize) -> Error {
    let mb = limit / 1_000_000;
    let part = crate::text::reader::truncate(part);
    Error::new(
        Msg::WorkbookUnpackedTooLarge,
        "sheet",
        &[("mb", a(&mb)), ("part", a(&part))],
    )
}

impl<'a> Zip<'a> {
    /// Reads the central directory. `None` when the bytes are not a ZIP archive at all.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Zip<'a>> {
        // The end record is in the last 22 + 65,535 bytes (its comment is at most that long).
        let from = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (from..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or_else(broken)?;
        let count = usize::from(u16_at(bytes, eocd + 10).ok_or_else(broken)?);
        let cd_size = u32_at(bytes, eocd + 12).ok_or_else(broken)?;
        let cd_offset = u32_at(bytes, eocd + 16).ok_or_else(broken)?;
        if count == 0xFFFF || cd_size == u32::MAX || cd_offset == u32::MAX {
            // ZIP64: a workbook of at most 10 MB never needs it.
            return Err(broken());
        }
        if count > MAX_ENTRIES {
            return Err(Error::new(
                Msg::WorkbookTooManyParts,
                "sheet",
                &[("max", a(&MAX_ENTRIES))],
            ));
        }
        let mut at = cd_offset as usize;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                return Err(broken());
            }
            let field = |off: usize| u16_at(bytes, at + off).ok_or_else(broken);
            let field32 = |off: usize| u32_at(bytes, at + off).ok_or_else(broken);
            let flags = field(8)?;
            let method = field(10)?;
            let compressed = field32(20)? as usize;
            let size = field32(24)? as usize;
            let name_len = usize::from(field(28)?);
            let extra_len = usize::from(field(30)?);
            let comment_len = usize::from(field(32)?);
            let local_header = field32(42)? as usize;
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(broken)?;
            entries.push(Entry {
                name,
                method,
                flags,
                compressed,
                size,
                local_header,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Zip {
            bytes,
            entries,
            unpacked: 0,
            limits,
        })
    }

    /// True when the archive has an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name.as_bytes())
    }

    /// The unpacked bytes of the entry `name` (`None` if there is none). Fails with
    /// `limit_exceeded` when the entry would take the archive beyond its unpacked budget, before
    /// inflating it when its declared size says so, else as soon as inflating passes the budget.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(e) = self.entries.iter().find(|e| e.name == name.as_bytes()) else {
            return Ok(None);
        };
        if e.flags & 1 != 0 {
            return Err(super::encrypted());
        }
        let budget = self.limits.unpacked - self.unpacked;
        if e.size > budget {
            return Err(too_large(name, self.limits.unpacked));
        }
        let at = e.local_header;
        if at >= self.bytes.len() || u32_at(self.bytes, at) != Some(0x0403_4b50) {
            return Err(broken());
        }
        let name_len = usize::from(u16_at(self.bytes, at + 26).ok_or_else(broken)?);
        let extra_len = usize::from(u16_at(self.bytes, at + 28).ok_or_else(broken)?);
        let start = at + 30 + name_len + extra_len;
        let data = self
            .bytes
            .get(start..start.checked_add(e.compressed).ok_or_else(broken)?)
            .ok_or_else(broken)?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => {
                // The declared size bounds the output: an entry that inflates to more is lying
                // (a ZIP bomb), so inflating stops there.
                miniz_oxide::inflate::decompress_to_vec_with_limit(data, e.size).map_err(|err| {
                    if matches!(err.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                        too_large(name, self.limits.unpacked)
                    } else {
                        broken()
                    }
                })?
            }
            _ => return Err(Error::new(Msg::WorkbookUnknownMethod, "sheet", &[])),
        };
        if out.len() != e.size {
            return Err(broken());
        }
        self.unpacked += out.len();
        Ok(Some(out))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::error::ErrorCode;

    /// A ZIP archive of stored or deflated entries, as tests need them (a writer of its own, so
    /// that damaged and hostile archives can be made).
    pub fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data, deflate) in entries {
            let (method, body) = if *deflate {
                (8u16, miniz_oxide::deflate::compress_to_vec(data, 6))
            } else {
                (0u16, data.to_vec())
            };
            let offset = out.len() as u32;
            let head = |sig: u32, buf: &mut Vec<u8>, central: bool| {
                buf.extend_from_slice(&sig.to_le_bytes());
                if central {
                    buf.extend_from_slice(&20u16.to_le_bytes());
                }
                buf.extend_from_slice(&20u16.to_le_bytes());
                buf.extend_from_slice(&0u16.to_le_bytes());
                buf.extend_from_slice(&method.to_le_bytes());
                buf.extend_from_slice(&[0; 4]);
                buf.extend_from_slice(&0u32.to_le_bytes()); // crc: not checked
                buf.extend_from_slice(&(body.len() as u32).to_le_bytes());
                buf.extend_from_slice(&(data.len() as u32).to_le_bytes());
                buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
                buf.extend_from_slice(&0u16.to_le_bytes());
                if central {
                    // comment length, disk, internal and external attributes
                    buf.extend_from_slice(&[0; 10]);
                    buf.extend_from_slice(&offset.to_le_bytes());
                }
                buf.extend_from_slice(name.as_bytes());
            };
            head(0x0403_4b50, &mut out, false);
            out.extend_from_slice(&body);
            head(0x0201_4b50, &mut cd, true);
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        let n = (entries.len() as u16).to_le_bytes();
        out.extend_from_slice(&n);
        out.extend_from_slice(&n);
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn reads_stored_and_deflated_entries() {
        let z = zip(&[("a", b"hello", false), ("b/c.xml", b"<x/><x/><x/>", true)]);
        let mut r = Zip::open(&z, Limits::default()).unwrap();
        assert!(r.has("b/c.xml"));
        assert_eq!(r.read("a").unwrap().unwrap(), b"hello");
        assert_eq!(r.read("b/c.xml").unwrap().unwrap(), b"<x/><x/><x/>");
        assert!(r.read("none").unwrap().is_none());
    }

    #[test]
    fn the_budget_holds_whatever_the_sizes_say() {
        let big = vec![b'a'; 2000];
        let z = zip(&[("a", &big, true), ("b", &big, true)]);
        let limits = Limits { unpacked: 3000 };
        let mut r = Zip::open(&z, limits).unwrap();
        r.read("a").unwrap();
        assert_eq!(r.read("b").unwrap_err().code, ErrorCode::LimitExceeded);

        // A declared size smaller than the real one: inflating stops at the declared size.
        let mut lying = zip(&[("a", &big, true)]);
        let cd = lying.len() - 22 - 47;
        lying[cd + 24..cd + 28].copy_from_slice(&100u32.to_le_bytes());
        let mut r = Zip::open(&lying, Limits::default()).unwrap();
        assert_eq!(r.read("a").unwrap_err().code, ErrorCode::LimitExceeded);
    }

    #[test]
    fn offsets_outside_the_file_are_errors() {
        let mut z = zip(&[("a", b"hello", false)]);
        let cd = z.len() - 22 - 47;
        z[cd + 42..cd + 46].copy_from_slice(&u32::MAX.to_le_bytes());
        let mut r = Zip::open(&z, Limits::default()).unwrap();
        assert_eq!(r.read("a").unwrap_err().code, ErrorCode::InvalidSheet);
        let n = z.len();
        z[n - 6..n - 2].copy_from_slice(&(n as u32 + 10).to_le_bytes());
        assert!(Zip::open(&z, Limits::default()).is_err());
        for cut in [0, 10, 30, 60] {
            let z = zip(&[("a", b"hello", false)]);
            let _ = Zip::open(&z[..cut], Limits::default());
        }
    }
}
