//! The XML parts of a workbook, read strictly: UTF-8 only, no document type declarations (so no
//! entity of the file's own, no external entity: nothing outside the file is ever read), only
//! the five predefined entities and character references, at most [`MAX_DEPTH`] levels.

use crate::error::{a, Error, Msg, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// Deepest nesting of elements: a worksheet needs about 8 levels, an OpenDocument table with
/// formatted text about 12.
pub const MAX_DEPTH: usize = 128;

/// What the reader found next.
pub enum Node<'a> {
    /// An element opens (an empty element is an `Open` followed by a `Close`).
    Open(BytesStart<'a>),
    Close,
    Text(Cow<'a, str>),
    End,
}

pub struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    part: &'a str,
}

fn damaged(part: &str, what: impl std::fmt::Display) -> Error {
    let what = format!("{part}: {what}");
    Error::new(Msg::WorkbookDamaged, "sheet", &[("what", a(&what))])
}

/// The local name of an element or attribute (without its namespace prefix).
pub fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

impl<'a> Xml<'a> {
    pub fn new(bytes: &'a [u8], part: &'a str) -> Result<Xml<'a>> {
        if std::str::from_utf8(bytes).is_err() {
            return Err(damaged(part, "not UTF-8"));
        }
        let mut reader = Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        Ok(Xml {
            reader,
            depth: 0,
            part,
        })
    }

    pub fn depth(&self) -> usize {
        self.depth
    }

    pub fn next(&mut self) -> Result<Node<'a>> {
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|e| damaged(self.part, e))?;
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(damaged(
                            self.part,
                            format_args!("more than {MAX_DEPTH} nested elements"),
                        ));
                    }
                    Node::Open(e)
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Node::Close
                }
                Event::Text(t) => Node::Text(t.xml10_content().map_err(|e| damaged(self.part, e))?),
                Event::CData(t) => Node::Text(t.decode().map_err(|e| damaged(self.part, e))?),
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match r.as_ref() {
                            b"amp" => '&',
                            b"lt" => '<',
                            b"gt" => '>',
                            b"quot" => '"',
                            b"apos" => '\'',
                            _ => return Err(entity(self.part)),
                        },
                        Err(e) => return Err(damaged(self.part, e)),
                    };
                    Node::Text(Cow::Owned(c.to_string()))
                }
                Event::DocType(_) => return Err(entity(self.part)),
                // Empty elements come as Start and End (expand_empty_elements).
                Event::Empty(_) => return Err(damaged(self.part, "empty element")),
                Event::Eof => {
                    if self.depth != 0 {
                        return Err(damaged(self.part, "cut off"));
                    }
                    Node::End
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            });
        }
    }

    /// Reads up to the end of the element just opened, discarding what is inside.
    pub fn skip(&mut self) -> Result<()> {
        let depth = self.depth;
        while self.depth >= depth {
            if let Node::End = self.next()? {
                return Err(damaged(self.part, "cut off"));
            }
        }
        Ok(())
    }

    /// The text inside the element just opened, up to its end (text of nested elements too),
    /// at most `max` bytes, else `None` (the rest of the element is read and discarded).
    pub fn text(&mut self, max: usize) -> Result<Option<String>> {
        let depth = self.depth;
        let mut out = String::new();
        let mut over = false;
        while self.depth >= depth {
            match self.next()? {
                Node::Text(t) if !over => {
                    if out.len() + t.len() > max {
                        over = true;
                    } else {
                        out.push_str(&t);
                    }
                }
                Node::End => return Err(damaged(self.part, "cut off")),
                _ => {}
            }
        }
        Ok((!over).then_some(out))
    }
}

fn entity(part: &str) -> Error {
    Error::new(Msg::WorkbookEntities, "sheet", &[("part", a(&part))])
}

/// The value of the attribute with this local name, entities resolved.
pub fn attr(e: &BytesStart<'_>, name: &[u8]) -> Result<Option<String>> {
    for a in e.attributes() {
        let a = a.map_err(|err| damaged("attribute", err))?;
        if local(a.key.as_ref()) == name {
            return value(&a).map(Some);
        }
    }
    Ok(None)
}

/// The value of the attribute with exactly this name (prefix included).
pub fn attr_exact(e: &BytesStart<'_>, name: &[u8]) -> Result<Option<String>> {
    for a in e.attributes() {
        let a = a.map_err(|err| damaged("attribute", err))?;
        if a.key.as_ref() == name {
            return value(&a).map(Some);
        }
    }
    Ok(None)
}

fn value(a: &quick_xml::events::attributes::Attribute<'_>) -> Result<String> {
    // Only predefined entities and character references; any other is refused.
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map(Cow::into_owned)
        .map_err(|err| damaged("attribute", err))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn texts(xml: &str) -> Result<String> {
        let mut x = Xml::new(xml.as_bytes(), "t.xml")?;
        let mut out = String::new();
        loop {
            match x.next()? {
                Node::Text(t) => out.push_str(&t),
                Node::End => return Ok(out),
                _ => {}
            }
        }
    }

    #[test]
    fn predefined_entities_and_character_references() {
        assert_eq!(
            texts("<a>x &amp; &lt;&#228;&#xFC;&gt; <![CDATA[<b>]]></a>").unwrap(),
            "x & <äü> <b>"
        );
        let doc = r#"<a v="1 &amp; &#50;"/>"#;
        let mut x = Xml::new(doc.as_bytes(), "t").unwrap();
        let Node::Open(e) = x.next().unwrap() else {
            panic!()
        };
        assert_eq!(attr(&e, b"v").unwrap().unwrap(), "1 & 2");
    }

    #[test]
    fn no_document_types_no_own_entities_no_depth() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>"#;
        assert_eq!(texts(laughs).unwrap_err().code, ErrorCode::InvalidSheet);
        let external = r#"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#;
        assert_eq!(texts(external).unwrap_err().code, ErrorCode::InvalidSheet);
        assert!(texts("<a>&x;</a>").is_err());
        assert!(
            texts(r#"<a v="&x;"/>"#).is_ok(),
            "attributes are read on demand"
        );
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(texts(&deep).is_err());
        let ok = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(texts(&ok).is_ok());
        assert!(texts("<a><b></a>").is_err());
        assert!(texts("<a>").is_err());
        assert!(Xml::new(b"<a>\xff</a>", "t").is_err());
    }
}
