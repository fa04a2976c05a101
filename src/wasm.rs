//! The WebAssembly door: the only module that knows about `wasm-bindgen`. It converts JS values
//! to the engine's types and back, and turns engine errors into a JS `EfaError` (an `Error`
//! subclass with `code`, `path` and `messages`). Money crosses as decimal strings only.

use crate::error::Error;
use crate::json::Json;
use crate::kommunen_data::KommunenDataset;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export class EfaError extends Error {
  constructor(code, path, de, en) {
    super(path ? `${code} at ${path}: ${en}` : `${code}: ${en}`);
    this.name = 'EfaError';
    this.code = code;
    this.path = path;
    this.messages = { de, en };
  }
}
export function makeError(code, path, de, en) { return new EfaError(code, path, de, en); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(code: &str, path: &str, de: &str, en: &str) -> JsValue;
}

fn to_js_error(e: &Error) -> JsValue {
    make_error(e.code.as_str(), &e.path, &e.message.de, &e.message.en)
}

/// Plain objects for maps, numbers (not BigInt) for counts: what a page expects.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

fn request_from_js(request: JsValue) -> Result<Json, JsValue> {
    if let Some(text) = request.as_string() {
        // A JSON text keeps numbers exactly as written.
        return crate::json::parse(&text).map_err(|e| to_js_error(&e));
    }
    serde_wasm_bindgen::from_value::<Json>(request).map_err(|e| {
        to_js_error(&Error::new(
            crate::error::ErrorCode::InvalidRequest,
            "",
            format!("Die Anfrage ist kein JSON-artiges Objekt: {e}"),
            format!("the request is not a JSON-like object: {e}"),
        ))
    })
}

/// Allocates a request (the contract's request object, or its JSON text). `dataset` is a loaded
/// GV100AD file for the Kommune level; without it level `kreis` uses the embedded default data.
#[wasm_bindgen]
pub fn allocate(request: JsValue, dataset: Option<&Gv100adDataset>) -> Result<JsValue, JsValue> {
    let value = request_from_js(request)?;
    let data = dataset.map(|d| &d.inner);
    let response = crate::allocate_value(&value, data).map_err(|e| to_js_error(&e))?;
    to_js(&response)
}

/// A Gemeindeverzeichnis loaded from a GV100AD file, kept inside the module between calls.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Gv100adDataset {
    inner: KommunenDataset,
}

#[wasm_bindgen]
impl Gv100adDataset {
    /// Gebietsstand of the file, ISO `YYYY-MM-DD`.
    #[wasm_bindgen(getter)]
    pub fn gebietsstand(&self) -> String {
        self.inner.gebietsstand.clone()
    }

    /// Number of Kreise and kreisfreie Städte.
    #[wasm_bindgen(getter)]
    pub fn kreise(&self) -> usize {
        self.inner.kreise.len()
    }

    /// Number of Gemeinden (incl. gemeindefreie Gebiete).
    #[wasm_bindgen(getter)]
    pub fn gemeinden(&self) -> usize {
        self.inner.gemeinden.as_ref().map_or(0, Vec::len)
    }

    /// The file's source with licence and reference date.
    #[wasm_bindgen(getter)]
    pub fn source(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.source)
    }

    /// Allocates with this data set (same as `allocate(request, dataset)`, without consuming it).
    pub fn allocate(&self, request: JsValue) -> Result<JsValue, JsValue> {
        let value = request_from_js(request)?;
        let response =
            crate::allocate_value(&value, Some(&self.inner)).map_err(|e| to_js_error(&e))?;
        to_js(&response)
    }
}

/// Reads a GV100AD file given as text (a JS string) or bytes (`Uint8Array`, UTF-8 or Latin-1).
#[wasm_bindgen(js_name = loadGv100ad)]
pub fn load_gv100ad(input: JsValue) -> Result<Gv100adDataset, JsValue> {
    let parsed = if let Some(text) = input.as_string() {
        crate::gv100ad::parse_str(&text)
    } else if input.is_instance_of::<js_sys::Uint8Array>() {
        crate::gv100ad::parse(&js_sys::Uint8Array::new(&input).to_vec())
    } else {
        Err(Error::new(
            crate::error::ErrorCode::InvalidGv100ad,
            "gv100ad",
            "Erwartet den Dateiinhalt als Text oder Uint8Array",
            "expected the file content as text or Uint8Array",
        ))
    };
    parsed
        .map(|inner| Gv100adDataset { inner })
        .map_err(|e| to_js_error(&e))
}

/// The Länder, key editions, models, categories and default Kommune data, so that a user
/// interface never hard-codes them.
#[wasm_bindgen]
pub fn metadata() -> Result<JsValue, JsValue> {
    to_js(&crate::metadata::metadata())
}
