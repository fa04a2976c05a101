//! The smallest ZIP writer the workbook tests and benchmarks need (one copy for `tests/` and
//! `benches/`): no CRC (the engine's reader does not check it, as office readers mostly do), no
//! time stamps. An entry is stored or deflated; its declared size can differ from the true one,
//! for hostile archives.

/// An archive being written.
#[derive(Default)]
pub struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// Stored as it is (method 0).
pub const STORED: u16 = 0;
/// Deflated (method 8).
pub const DEFLATED: u16 = 8;

impl Zip {
    /// An archive of the given entries, each stored or deflated with its true size.
    pub fn of<D: AsRef<[u8]>>(method: u16, entries: &[(&str, D)]) -> Vec<u8> {
        let mut zip = Zip::default();
        for (name, data) in entries {
            zip.add(name, method, data.as_ref());
        }
        zip.finish()
    }

    /// Adds `data` as `name`, stored or deflated, with its true size.
    pub fn add(&mut self, name: &str, method: u16, data: &[u8]) {
        if method == STORED {
            self.raw(name, STORED, data, data.len() as u32);
        } else {
            let body = miniz_oxide::deflate::compress_to_vec(data, 6);
            self.raw(name, DEFLATED, &body, data.len() as u32);
        }
    }

    /// Adds an entry whose body is already in `method`'s form, declaring `size` bytes unpacked.
    pub fn raw(&mut self, name: &str, method: u16, body: &[u8], size: u32) {
        let offset = self.out.len() as u32;
        for central in [false, true] {
            let h = if central {
                &mut self.central
            } else {
                &mut self.out
            };
            h.extend_from_slice(if central {
                b"PK\x01\x02"
            } else {
                b"PK\x03\x04"
            });
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&[0; 8]); // time, date, crc
            h.extend_from_slice(&(body.len() as u32).to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 10]); // comment, disk, attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
        }
        self.out.extend_from_slice(body);
        self.entries += 1;
    }

    /// The archive with its central directory.
    pub fn finish(mut self) -> Vec<u8> {
        let offset = self.out.len() as u32;
        let n = self.entries.to_le_bytes();
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        self.out.extend_from_slice(&n);
        self.out.extend_from_slice(&n);
        self.out
            .extend_from_slice(&(self.central.len() as u32).to_le_bytes());
        self.out.extend_from_slice(&offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}
