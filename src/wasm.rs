//! The WebAssembly door: the only module that knows about `wasm-bindgen`. It converts JS values
//! to the engine's types and back, and turns engine errors into a JS `EfaError` (an `Error`
//! subclass with `code`, `path` and `messages`). Money crosses as decimal strings, except in the
//! `kommunen.format: "columns"` table, whose amounts are integer units in a `BigUint64Array`.

use crate::contract::response::{KreisRef, Response};
use crate::data::kommunen::{Kommune, KommunenDataset};
use crate::error::{a, Error, Msg};
use crate::text::json::Json;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

// The module's allocator: talc instead of the default dlmalloc, smaller and faster (see
// docs/performance.md, "Size of the WASM module").
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
// A request object as JSON text, read entirely on the JS side: a getter, toJSON or Proxy trap
// that throws must never unwind through WASM frames (that leaks the WASM stack; after about 900
// such calls the module traps for good). NaN, Infinity and -0 become strings so that the field
// reports them; a BigInt becomes a number when exact, else a decimal string.
export function requestJson(v) {
  try {
    const text = JSON.stringify(v, (k, x) =>
      typeof x === 'number' ? (Number.isFinite(x) ? (Object.is(x, -0) ? '-0' : x) : String(x))
      : typeof x === 'bigint' ? (Number.isSafeInteger(Number(x)) ? Number(x) : String(x))
      : x);
    return text === undefined ? 'null' : text;
  } catch (e) {
    let deep = false, why = '';
    try { deep = e instanceof RangeError; why = String(e && e.message).slice(0, 200); } catch (_) {}
    return { deep, why };
  }
}
// A GV100AD input as a string, a fresh Uint8Array view (genuine even if the argument is a Proxy
// or has a tampered prototype), or null; anything that throws is caught by the binding.
export function fileInput(v) {
  if (typeof v === 'string') return v;
  if (ArrayBuffer.isView(v) && v instanceof Uint8Array) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  // read as a stream by the engine (web-sys), chunk by chunk
  for (const C of [globalThis.Response, globalThis.Blob, globalThis.ReadableStream]) if (typeof C === 'function' && v instanceof C) return v;
  return null;
}
// Moves a stream's chunks, one by one, into the engine's line reader (sink); a read that fails
// and a chunk the engine refuses stop the download. Awaiting here keeps the engine free of an
// async runtime (wasm-bindgen-futures cost 4.5 KB gzip of the 150 KB budget).
// The stream behind a Response (from fetch) or a Blob/File, or the ReadableStream itself; an
// EfaError for a failed response, a used body or a Blob above the size limit.
export function streamOf(v, max) {
  const bad = (de, en) => makeError('invalid_gv100ad', 'gv100ad', de, en);
  try {
    if (typeof Response === 'function' && v instanceof Response) {
      if (!v.ok) return bad(`Die Datei ließ sich nicht laden (HTTP-Status ${v.status})`, `the file could not be loaded (HTTP status ${v.status})`);
      return v.bodyUsed || !v.body ? bad('Die Antwort hat keinen (ungelesenen) Inhalt mehr', 'the response has no (unread) body') : v.body;
    }
    if (typeof Blob === 'function' && v instanceof Blob) {
      return v.size > max ? makeError('limit_exceeded', 'gv100ad', `Die Datei ist größer als ${max / 1048576} MiB`, `the file is larger than ${max / 1048576} MiB`) : v.stream();
    }
    return v;
  } catch (e) {
    return bad('Der Datenstrom lässt sich nicht lesen', 'the stream cannot be read');
  }
}
// A workbook (a Blob, or the bytes of a ZIP archive) read by the container reader of the package
// (efa_sheet.js, loaded on first use, so the first result loads no spreadsheet code), sheet by
// sheet into the engine's sink, which decides what the cells mean; a Blob that holds no ZIP
// archive goes to the engine as bytes (CSV, JSON, or a coded error for an old .xls).
export async function readWorkbook(input, sink) {
  try {
    let bytes = input;
    if (!(input instanceof Uint8Array)) {
      const zip = new Uint8Array(await input.slice(0, 4).arrayBuffer());
      const isZip = zip[0] === 0x50 && zip[1] === 0x4b && ((zip[2] === 3 && zip[3] === 4) || (zip[2] === 5 && zip[3] === 6));
      if (input.size > 10000000 || (!isZip && input.size > 1048576)) throw sink.size(input.size, isZip);
      bytes = new Uint8Array(await input.arrayBuffer());
      if (!isZip) return sink.bytes(bytes);
    }
    const reader = await import('../../efa_sheet.js');
    const failure = await reader.readSheets(bytes, (sheet) => sink.sheet(sheet));
    if (failure) throw sink.fail(failure);
    return sink.finish();
  } finally {
    try { sink.free(); } catch (_) {}
  }
}
// A columns response: the JSON text of the rest parsed here, the table's columns and the Land's
// Kreise added to its kommunen (in this order): one call across the boundary instead of one per
// property. (exempt is a view of the module's memory: copied.)
export function withColumns(text, ags, name, population, amount, exempt, kreise) {
  const r = JSON.parse(text);
  r.kommunen.columns = { ags, name, population, amount, exempt: exempt.slice() };
  if (kreise !== undefined) r.kommunen.kreise = kreise;
  return r;
}
export function isBlob(v) {
  return typeof Blob === 'function' && v instanceof Blob;
}
export async function pump(reader, sink) {
  try {
    for (;;) {
      let r;
      try { r = await reader.read(); } catch (e) {
        let why = '';
        try { why = String(e && e.message || e).slice(0, 200); } catch (_) {}
        throw makeError('invalid_gv100ad', 'gv100ad', `Lesefehler im Datenstrom: ${why}`, `reading the stream failed: ${why}`);
      }
      if (r.done) { const ds = sink.finish(); sink.free(); return ds; }
      sink.push(r.value);
    }
  } catch (e) {
    try { await reader.cancel(); } catch (_) {}
    try { sink.free(); } catch (_) {}
    throw e;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(code: &str, path: &str, de: &str, en: &str) -> JsValue;
    #[wasm_bindgen(js_name = requestJson, catch)]
    fn request_json(v: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fileInput, catch)]
    fn file_input(v: &JsValue) -> Result<JsValue, JsValue>;
    fn pump(
        reader: &web_sys::ReadableStreamDefaultReader,
        sink: Gv100adStreamSink,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = streamOf)]
    fn stream_of(v: &JsValue, max: f64) -> JsValue;
    #[wasm_bindgen(js_name = readWorkbook)]
    fn read_workbook(input: &JsValue, sink: PlanFileSink) -> js_sys::Promise;
    #[wasm_bindgen(js_name = isBlob)]
    fn is_blob(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = withColumns)]
    fn with_columns(
        text: &str,
        ags: &JsValue,
        name: &JsValue,
        population: &JsValue,
        amount: &JsValue,
        exempt: &[u8],
        kreise: &JsValue,
    ) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const CONTRACT_TYPES: &str = include_str!("contract.d.ts");

fn to_js_error(e: &Error) -> JsValue {
    make_error(e.code.as_str(), &e.path, &e.message.de, &e.message.en)
}

/// The response as plain JS objects (maps as objects, counts as numbers). One JSON text crosses
/// the boundary and the browser's native `JSON.parse` builds the objects: measured twice as fast
/// as converting field by field, which costs a string decode per key and value.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::text::write_json::to_string(value)
        .ok_or_else(|| JsValue::from(js_sys::Error::new("the response is not writable as JSON")))?;
    js_sys::JSON::parse(&text)
}

/// A response as JS objects. A `columns` Kommune table does not go through JSON: its amounts
/// cross as one `BigUint64Array` of units (a copy of one slice), `exempt` as a `Uint8Array`
/// (1 = exempt), and AGS, name and population are the arrays made once per data set (see
/// `TABLES`). `dataset` is the handle of the data set the rows come from (0: embedded data).
fn response_to_js(mut response: Response<'_>, dataset: u32) -> Result<JsValue, JsValue> {
    let Some(c) = response.kommunen.as_mut().and_then(|k| k.columns.take()) else {
        return to_js(&response);
    };
    // With columns, the Land's Kreise are shared like the columns' names: a third of the
    // response's JSON text otherwise, written, decoded and parsed again on every call.
    let kreise = match response.kommunen.as_mut().and_then(|k| k.kreise.take()) {
        Some(k) => kreise_of(&k, dataset)?,
        None => JsValue::UNDEFINED,
    };
    let text = crate::text::write_json::to_string(&response)
        .ok_or_else(|| JsValue::from(js_sys::Error::new("the response is not writable as JSON")))?;
    let (ags, name, population) = table_of(c.kommunen, dataset)?;
    let units: Option<Vec<u64>> = c.amount.iter().map(|&a| u64::try_from(a).ok()).collect();
    let amount: JsValue = match units {
        Some(u) => js_sys::BigUint64Array::from(&u[..]).into(),
        // beyond 2⁶⁴ - 1 units (only for sums far above any real budget): BigInt one by one
        None => c
            .amount
            .iter()
            .map(|&a| JsValue::from(js_sys::BigInt::from(a)))
            .collect::<js_sys::Array>()
            .into(),
    };
    let exempt: Vec<u8> = c.exempt.iter().map(|&e| u8::from(e)).collect();
    Ok(with_columns(
        &text,
        &ags,
        &name,
        &population,
        &amount,
        &exempt,
        &kreise,
    ))
}

/// A Land's Kreise (`kommunen.kreise`) as a frozen JS array of frozen objects, made on first use
/// and shared by every later `columns` response from the same data set (see `table_of`).
fn kreise_of(kreise: &[KreisRef<'_>], dataset: u32) -> Result<JsValue, JsValue> {
    let Some(first) = kreise.first() else {
        return to_js(kreise);
    };
    // The first Kreis's AGS text lives in the data set: its address identifies the run.
    let key = (dataset, first.ags.as_ptr() as usize, kreise.len());
    if let Some(k) = KREISE.with(|t| find(&t.borrow(), &key)) {
        return Ok(k);
    }
    let array = to_js(kreise)?;
    for item in js_sys::Array::from(&array).iter() {
        js_sys::Object::freeze(item.unchecked_ref::<js_sys::Object>());
    }
    let frozen = JsValue::from(js_sys::Object::freeze(
        array.unchecked_ref::<js_sys::Object>(),
    ));
    KREISE.with(|t| t.borrow_mut().push((key, frozen.clone())));
    Ok(frozen)
}

/// AGS, names and populations of one run of Kommunen as frozen JS arrays, made on first use and
/// then shared by every response from the same data set: thousands of strings cross the boundary
/// once per data set, not once per call, and a page can tell by identity that the rows are the
/// same Kommunen as before.
fn table_of(kommunen: &[Kommune], dataset: u32) -> Result<(JsValue, JsValue, JsValue), JsValue> {
    // The run's address identifies it within its data set; the handle keeps a freed data set's
    // reused memory from matching (handles are never reused; entries go when the set is freed).
    let key = (dataset, kommunen.as_ptr() as usize, kommunen.len());
    if let Some(t) = TABLES.with(|t| find(&t.borrow(), &key)) {
        return Ok(t);
    }
    let frozen =
        |v: JsValue| JsValue::from(js_sys::Object::freeze(v.unchecked_ref::<js_sys::Object>()));
    let t = (
        frozen(to_js(&kommunen.iter().map(|k| &k.ags).collect::<Vec<_>>())?),
        frozen(to_js(
            &kommunen.iter().map(|k| &k.name).collect::<Vec<_>>(),
        )?),
        frozen(to_js(
            &kommunen.iter().map(|k| k.population).collect::<Vec<_>>(),
        )?),
    );
    TABLES.with(|tables| tables.borrow_mut().push((key, t.clone())));
    Ok(t)
}

/// A JS argument as JSON text: a string as it is, anything else through `requestJson`. `limit`
/// refuses an oversized text before it is copied into WASM memory (UTF-8 needs at least one
/// byte per UTF-16 unit).
fn js_text(
    value: JsValue,
    limit: fn(usize) -> crate::error::Result<()>,
) -> Result<String, JsValue> {
    // A JSON text keeps numbers exactly as written; an object is turned into JSON text by
    // `requestJson`, so both take the same reader with the same limits (size, depth).
    let text = if value.is_string() {
        value
    } else {
        request_json(&value).unwrap_or(JsValue::NULL)
    };
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        let field = |name: &str| js_sys::Reflect::get(&text, &JsValue::from_str(name)).ok();
        let deep = field("deep").is_some_and(|d| d.is_truthy());
        let why = field("why").and_then(|w| w.as_string()).unwrap_or_default();
        return Err(to_js_error(&if deep {
            Error::new(Msg::JsTooDeep, "", &[("why", a(&why))])
        } else {
            Error::new(Msg::JsNotJson, "", &[("why", a(&why))])
        }));
    };
    limit(text.length() as usize).map_err(|e| to_js_error(&e))?;
    Ok(String::from(text))
}

fn request_from_js(request: JsValue) -> Result<Json, JsValue> {
    let text = js_text(request, crate::contract::request::check_request_size)?;
    crate::contract::request::read_json(text.as_bytes()).map_err(|e| to_js_error(&e))
}

/// A plan from JS, read now (a plan object, its JSON or CSV text, a text file's bytes) or later
/// (a Blob or a workbook's bytes: the promise of its response).
enum PlanInput {
    Now(crate::plan::read_json::Plan),
    Later(js_sys::Promise),
}

/// The options `{compare, title}` of a plan.
fn plan_options(options: Option<JsValue>) -> Result<crate::plan::read_json::PlanOptions, JsValue> {
    Ok(
        match options.filter(|o| !o.is_undefined() && !o.is_null()) {
            None => crate::plan::read_json::PlanOptions::default(),
            Some(options) => {
                let text = js_text(options, crate::plan::read_json::check_size)?;
                crate::text::json::parse(&text)
                    .and_then(|v| crate::plan::read_json::parse_options(&v))
                    .map_err(|e| to_js_error(&e))?
            }
        },
    )
}

/// A plan from JS: a plan object, its JSON text or CSV text, a file's bytes or a Blob; options
/// `{compare, title}`.
fn plan_from_js(input: JsValue, options: Option<JsValue>) -> Result<PlanInput, JsValue> {
    let options = plan_options(options)?;
    if is_blob(&input) {
        return Ok(PlanInput::Later(read_workbook(
            &input,
            PlanFileSink::new(options),
        )));
    }
    // Bytes (a Uint8Array or an ArrayBuffer) are a file's: JSON or CSV text, UTF-8 or
    // Windows-1252 (read with the warning csv_windows_1252), or a workbook. A workbook's
    // container (ZIP, XML) is read by the package's JS reader with the platform's inflate: a
    // container reader in the module would grow the module every page loads.
    let bytes = if let Some(b) = input.dyn_ref::<js_sys::Uint8Array>() {
        Some(b.clone())
    } else {
        input
            .dyn_ref::<js_sys::ArrayBuffer>()
            .map(|b| js_sys::Uint8Array::new(b.as_ref()))
    };
    if let Some(bytes) = bytes {
        // A workbook goes to the container reader as it is (its own limits apply there); a text
        // file is refused by its size before it is copied into WASM memory.
        let head = bytes.subarray(0, 8).to_vec();
        if crate::text::sheet::kind(&head) == crate::text::sheet::Kind::Zip {
            return Ok(PlanInput::Later(read_workbook(
                &bytes,
                PlanFileSink::new(options),
            )));
        }
        crate::plan::read_json::check_size(bytes.length() as usize).map_err(|e| to_js_error(&e))?;
        return Ok(PlanInput::Now(text_plan(&bytes.to_vec(), &options)?));
    }
    // A string is a JSON or CSV text (told apart by content); anything else is a plan object.
    let is_text = input.is_string();
    let text = js_text(input, crate::plan::read_json::check_size)?;
    if is_text {
        crate::plan::read(text.as_bytes(), &options)
    } else {
        crate::text::json::parse(&text).and_then(|v| crate::plan::read_json::parse(&v, &options))
    }
    .map(PlanInput::Now)
    .map_err(|e| to_js_error(&e))
}

/// A file's bytes that are no ZIP archive: JSON or CSV text, or an old or protected workbook
/// (an OLE compound file), which gets a coded error that says what to do.
fn text_plan(
    bytes: &[u8],
    options: &crate::plan::read_json::PlanOptions,
) -> Result<crate::plan::read_json::Plan, JsValue> {
    crate::plan::read_file(bytes, options).map_err(|e| to_js_error(&e))
}

fn plan_response(plan: &crate::plan::read_json::Plan) -> Result<JsValue, JsValue> {
    let response = crate::plan::allocate::allocate_plan(plan).map_err(|e| to_js_error(&e))?;
    to_js(&response)
}

/// The engine's end of a workbook being read by the package's container reader (`readWorkbook`
/// in the JS above): the sheets in the workbook's order up to the plan sheet, then the plan.
/// Exported by the glue like every wasm-bindgen class, so it is declared too; not for direct use.
#[wasm_bindgen]
pub struct PlanFileSink {
    options: crate::plan::read_json::PlanOptions,
    book: crate::text::sheet::Workbook,
}

impl PlanFileSink {
    fn new(options: crate::plan::read_json::PlanOptions) -> PlanFileSink {
        PlanFileSink {
            options,
            book: crate::text::sheet::Workbook::default(),
        }
    }
}

#[wasm_bindgen]
impl PlanFileSink {
    /// Takes the next sheet (compact JSON, see `text/sheet/grid.rs`); true when it is the plan
    /// sheet, so the reader can stop.
    pub fn sheet(&mut self, json: &str) -> Result<bool, JsValue> {
        let sheet = crate::text::json::parse(json)
            .and_then(|v| crate::text::sheet::grid::sheet(&v))
            .map_err(|e| to_js_error(&e))?;
        let plan = crate::plan::read_sheet::is_plan_sheet(&sheet);
        self.book.sheets.push(sheet);
        Ok(plan)
    }

    /// The error of the container reader (`{kind, path, args}` as JSON) as an `EfaError`.
    pub fn fail(&self, json: &str) -> JsValue {
        let error = match crate::text::json::parse(json) {
            Ok(v) => crate::text::sheet::grid::error(&v),
            Err(e) => e,
        };
        to_js_error(&error)
    }

    /// The error for a file of `len` bytes that is too large to read.
    pub fn size(&self, len: usize, zip: bool) -> JsValue {
        to_js_error(&if zip {
            crate::text::sheet::too_large_file(len)
        } else {
            match crate::plan::read_json::check_size(len) {
                Err(e) => e,
                Ok(()) => crate::text::sheet::too_large_file(len),
            }
        })
    }

    /// The plan of a file that is no ZIP archive (JSON or CSV text).
    pub fn bytes(&self, bytes: &[u8]) -> Result<JsValue, JsValue> {
        crate::plan::read_json::check_size(bytes.len()).map_err(|e| to_js_error(&e))?;
        plan_response(&text_plan(bytes, &self.options)?)
    }

    /// The plan of the sheets read.
    pub fn finish(&self) -> Result<JsValue, JsValue> {
        let plan = crate::plan::read_sheet::from_workbook(&self.book, &self.options)
            .map_err(|e| to_js_error(&e))?;
        plan_response(&plan)
    }
}

/// Allocates a plan (contract 1.1, 1.2): a plan object `{plan: {...}}`, its JSON text, CSV text
/// as a spreadsheet exports it, or a file's bytes (`Uint8Array`, `ArrayBuffer`: JSON or CSV in
/// UTF-8 or Windows-1252, answered at once; a workbook `.xlsx`/`.ods`, answered with a promise)
/// or a `Blob` (a promise). `options.compare` (a named model) and `options.title` replace the
/// plan's own; a CSV plan has no other place for them.
///
/// Declared in contract.d.ts (a promise for a Blob or a workbook).
#[wasm_bindgen(js_name = allocatePlan, skip_typescript)]
pub fn allocate_plan(input: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    match plan_from_js(input, options)? {
        PlanInput::Now(plan) => plan_response(&plan),
        PlanInput::Later(promise) => Ok(promise.into()),
    }
}

/// The same plan as `allocatePlan`, as CSV for German Excel (UTF-8 BOM, `;`, decimal comma,
/// `\r\n`; text cells that would run as formulas are neutralised): what `efa-rechner plan
/// --format csv` writes.
#[wasm_bindgen(js_name = allocatePlanCsv)]
pub fn allocate_plan_csv(
    #[wasm_bindgen(unchecked_param_type = "PlanRequest | string | Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PlanOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let PlanInput::Now(plan) = plan_from_js(input, options)? else {
        return Err(to_js_error(&Error::new(
            Msg::WorkbookNotInBrowser,
            "sheet",
            &[],
        )));
    };
    let response = crate::plan::allocate::allocate_plan(&plan).map_err(|e| to_js_error(&e))?;
    Ok(response.to_excel_csv())
}

/// Allocates a request (the contract's request object, or its JSON text). `dataset` is a loaded
/// GV100AD file for the Kommune level; without it level `kreis` uses the embedded default data.
/// The dataset is borrowed (looked up by its handle), so one file serves many calls.
///
/// Declared in contract.d.ts (the dataset is optional there).
#[wasm_bindgen(skip_typescript)]
pub fn allocate(request: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let value = request_from_js(request)?;
    let data = if dataset.is_undefined() || dataset.is_null() {
        None
    } else {
        Some(lookup(&dataset)?)
    };
    let response = crate::calc::allocate::allocate_value(&value, data.as_ref().map(|(_, d)| &**d))
        .map_err(|e| to_js_error(&e))?;
    response_to_js(response, data.as_ref().map_or(0, |(h, _)| *h))
}

thread_local! {
    /// Loaded data sets by handle: a JS object passed to `allocate` is only borrowed, never
    /// moved, so the page can reuse it; `free()` removes the entry.
    /// (A list: a page holds one or two data sets, so a hash map's code would not pay.)
    static DATASETS: RefCell<Vec<(u32, Rc<KommunenDataset>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_HANDLE: Cell<u32> = const { Cell::new(1) };
    /// The `columns` tables' AGS, name and population arrays, by (data set handle, run address,
    /// run length); see `table_of`.
    #[allow(clippy::type_complexity)]
    static TABLES: RefCell<Vec<((u32, usize, usize), (JsValue, JsValue, JsValue))>> =
        const { RefCell::new(Vec::new()) };
    /// The `columns` responses' Kreise of a Land, by the same key; see `kreise_of`.
    static KREISE: RefCell<Vec<(RunKey, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// A run of Kommunen within a data set: (data set handle, address, length); see `table_of`.
type RunKey = (u32, usize, usize);

/// The value kept under `key` in a registry list.
fn find<K: PartialEq, V: Clone>(list: &[(K, V)], key: &K) -> Option<V> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

fn lookup(dataset: &JsValue) -> Result<(u32, Rc<KommunenDataset>), JsValue> {
    let handle = js_sys::Reflect::get(dataset, &JsValue::from_str("handle"))
        .ok()
        .and_then(|h| h.as_f64())
        .map(|h| h as u32);
    handle
        .and_then(|h| DATASETS.with(|d| find(&d.borrow(), &h)).map(|d| (h, d)))
        .ok_or_else(|| to_js_error(&Error::new(Msg::NotADataset, "", &[])))
}

/// A Gemeindeverzeichnis loaded from a GV100AD file, kept inside the module between calls.
#[wasm_bindgen]
pub struct Gv100adDataset {
    handle: u32,
    inner: Rc<KommunenDataset>,
}

impl Drop for Gv100adDataset {
    fn drop(&mut self) {
        DATASETS.with(|d| d.borrow_mut().retain(|(h, _)| *h != self.handle));
        TABLES.with(|t| t.borrow_mut().retain(|(k, _)| k.0 != self.handle));
        KREISE.with(|t| t.borrow_mut().retain(|(k, _)| k.0 != self.handle));
    }
}

#[wasm_bindgen]
impl Gv100adDataset {
    /// The registry handle `allocate` uses to find this data set.
    #[wasm_bindgen(getter)]
    pub fn handle(&self) -> u32 {
        self.handle
    }

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
    #[wasm_bindgen(getter, unchecked_return_type = "Source")]
    pub fn source(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.source)
    }

    /// Allocates with this data set (same as `allocate(request, dataset)`, without consuming it).
    #[wasm_bindgen(unchecked_return_type = "AllocationResponse")]
    pub fn allocate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AllocationRequest | string")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let value = request_from_js(request)?;
        let response = crate::calc::allocate::allocate_value(&value, Some(&self.inner))
            .map_err(|e| to_js_error(&e))?;
        response_to_js(response, self.handle)
    }
}

fn too_large() -> Error {
    Error::new(
        Msg::UploadTooLarge,
        "gv100ad",
        &[("mib", a(&(crate::data::gv100ad::MAX_BYTES >> 20)))],
    )
}

/// Keeps a parsed file in the registry and hands out its handle object.
fn register(parsed: crate::error::Result<KommunenDataset>) -> Result<Gv100adDataset, JsValue> {
    let inner = Rc::new(parsed.map_err(|e| to_js_error(&e))?);
    let handle = NEXT_HANDLE.with(|n| {
        let h = n.get();
        n.set(h.wrapping_add(1).max(1));
        h
    });
    DATASETS.with(|d| d.borrow_mut().push((handle, inner.clone())));
    Ok(Gv100adDataset { handle, inner })
}

/// Reads a GV100AD file. Text (a JS string) or bytes (`Uint8Array`, UTF-8 or Latin-1) are read at
/// once and give the data set; a `Response` (from `fetch`), a `Blob`/`File` or a `ReadableStream`
/// of `Uint8Array` chunks is read chunk by chunk, never as one string, and gives a promise of it.
///
/// Declared in contract.d.ts: one overload per kind of input (text or bytes give the data set, a
/// stream gives a promise).
#[wasm_bindgen(js_name = loadGv100ad, skip_typescript)]
pub fn load_gv100ad(input: JsValue) -> Result<JsValue, JsValue> {
    let input = file_input(&input).unwrap_or(JsValue::NULL);
    let parsed = if let Some(text) = input.dyn_ref::<js_sys::JsString>() {
        // UTF-8 needs at least one byte per UTF-16 unit: refuse before copying, as for bytes.
        if text.length() as usize > crate::data::gv100ad::MAX_BYTES {
            Err(too_large())
        } else {
            crate::data::gv100ad::parse_str(&String::from(text))
        }
    } else if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        // Refuse an oversized file before copying it into WASM memory.
        if bytes.length() as usize > crate::data::gv100ad::MAX_BYTES {
            Err(too_large())
        } else {
            crate::data::gv100ad::parse(&bytes.to_vec())
        }
    } else if !input.is_null() {
        // a Response, Blob or ReadableStream (fileInput lets nothing else through)
        let stream = stream_of(&input, crate::data::gv100ad::MAX_BYTES as f64)
            .dyn_into::<web_sys::ReadableStream>()?;
        let reader = web_sys::ReadableStreamDefaultReader::new(&stream)
            .map_err(|_| to_js_error(&Error::new(Msg::StreamLocked, "gv100ad", &[])))?;
        let sink = Gv100adStreamSink {
            lines: Some(crate::data::gv100ad::StreamReader::new()),
        };
        return Ok(pump(&reader, sink).into());
    } else {
        Err(Error::new(Msg::Gv100adInputType, "gv100ad", &[]))
    };
    register(parsed).map(JsValue::from)
}

/// The engine's end of a stream being read (`pump` in the JS above hands it the chunks): the
/// line reader, which keeps one line at a time, so memory stays bounded. Exported by the glue
/// like every wasm-bindgen class, so it is declared too (every export is); not for direct use.
#[wasm_bindgen]
pub struct Gv100adStreamSink {
    lines: Option<crate::data::gv100ad::StreamReader>,
}

#[wasm_bindgen]
impl Gv100adStreamSink {
    /// Reads one chunk (a `Uint8Array`), copied into WASM memory in slices of 64 KiB however
    /// large it is.
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] chunk: JsValue,
    ) -> Result<(), JsValue> {
        const SLICE: u32 = 64 * 1024;
        let Some(chunk) = chunk.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(to_js_error(&Error::new(
                Msg::StreamNotBytes,
                "gv100ad",
                &[],
            )));
        };
        let lines = self.lines.as_mut().ok_or(JsValue::NULL)?;
        let mut buffer = vec![0u8; chunk.length().min(SLICE) as usize];
        let mut at = 0u32;
        while at < chunk.length() {
            let end = chunk.length().min(at.saturating_add(SLICE));
            let part = buffer.get_mut(..(end - at) as usize).unwrap_or_default();
            chunk.subarray(at, end).copy_to(part);
            lines.push(part).map_err(|e| to_js_error(&e))?;
            at = end;
        }
        Ok(())
    }

    /// The stream has ended: the last line and the checks of the whole file.
    pub fn finish(&mut self) -> Result<Gv100adDataset, JsValue> {
        let lines = self.lines.take().ok_or(JsValue::NULL)?;
        register(lines.finish())
    }
}

/// What `loadGemeinden` reports.
#[derive(Serialize)]
struct GemeindenLoaded {
    edition: &'static str,
    gemeinden: usize,
}

/// Loads the built-in Gemeinde table of this engine's edition (the npm package's `gemeinden.tsv`,
/// as text or bytes) into this module, so that level `gemeinde` works without a GV100AD file.
/// A table of another edition, or a damaged one, is refused (`invalid_gv100ad`, path
/// `gemeinden`). Loading it again changes nothing.
#[wasm_bindgen(js_name = loadGemeinden, unchecked_return_type = "{ edition: string; gemeinden: number }")]
pub fn load_gemeinden(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input = file_input(&input).unwrap_or(JsValue::NULL);
    let text = if let Some(text) = input.dyn_ref::<js_sys::JsString>() {
        String::from(text)
    } else if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        // The table is about 250 KB; anything far larger is not it.
        if bytes.length() > 4 * 1024 * 1024 {
            return Err(to_js_error(&too_large()));
        }
        String::from_utf8(bytes.to_vec()).unwrap_or_default()
    } else {
        String::new()
    };
    let gemeinden = crate::data::builtin::install(&text).map_err(|e| to_js_error(&e))?;
    to_js(&GemeindenLoaded {
        edition: crate::data::edition::ID,
        gemeinden,
    })
}

/// True once this module has the built-in Gemeinde table (`loadGemeinden`).
#[wasm_bindgen(js_name = gemeindenLoaded)]
pub fn gemeinden_loaded() -> bool {
    crate::data::builtin::gemeinden_loaded()
}

/// The Länder, key editions, models, categories and default Kommune data, so that a user
/// interface never hard-codes them.
#[wasm_bindgen(unchecked_return_type = "Metadata")]
pub fn metadata() -> Result<JsValue, JsValue> {
    to_js(&crate::contract::metadata::metadata())
}
