// The allocation contract, version 1, and its plans, version 1.1 (../shared/contract/README.md),
// as TypeScript types. The request and response are AllocationRequest and AllocationResponse:
// names that leave the platform's fetch Request and Response (used by init and loadGv100ad) alone.
// Hand-checked against the contract; tests/types/ compiles a sample request and rejects a wrong field.

/** Money and exact decimals cross every boundary as decimal strings ("1234.56"). */
export type Decimal = string;
/** A Land: code ("BY"), ISO code ("DE-BY") or AGS ("09"), any case. */
export type LandName = string;

export type Category = "infrastruktur" | "weiterentwicklung" | "plattform" | "betrieb" | "nutzung" | "gesamt" | (string & {});

export type NamedKey = "ks" | "population" | "equal" | `ks-${number}`;
export type Key =
  | NamedKey
  | { weights: Record<LandName, Decimal | number> }
  | { usage: Record<LandName, Decimal | number> }
  | { targetGroup: Record<LandName, Decimal | number> }
  | { mix: { key: Key; weight: Decimal | number }[] };

export type Payers = "alliance" | "all" | "bund" | LandName[];
export interface Tranche { share: Decimal | number; payers: Payers; key?: Key }
export type Model = "alliance" | "itplr-2023-35" | "fitko" | { tranches: Tranche[] };

export interface CostItem { category?: Category; amount: Decimal | number; model?: Model; key?: Key }

export interface Membership { from?: string; to?: string }

export interface KommunenRequest {
  land: LandName;
  level?: "kreis" | "gemeinde";
  landShare?: Decimal | number;
  key?: "population" | "equal";
  exemptBelow?: number;
  /** Extension: "columns" returns `kommunen.columns` instead of `rows` (the fast path for thousands). */
  format?: "rows" | "columns";
}

export interface AllocationRequest {
  /** Wirtschaftsjahr, 2000..2100. */
  year: number;
  costs: Decimal | number | CostItem[];
  alliance?: LandName[] | "all";
  model?: Model;
  key?: Key;
  membership?: Record<LandName, Membership>;
  rounding?: { unit?: Decimal };
  kommunen?: KommunenRequest;
}

export interface Part {
  item: number; category: string; period: number; tranche: number;
  weight: Decimal; groupWeight: Decimal; exact: Decimal; amount: Decimal;
}
export interface Payer {
  id: string; kind: "land" | "bund"; name: string; ags?: string; amount: Decimal; parts: Part[];
}
export interface TrancheResult {
  item: number; index: number; share: Decimal; payers: "alliance" | "all" | "bund" | string[]; key: string; amount: Decimal;
}
export interface Period { index: number; from: string; to: string; days: number; members: string[] }
export interface ItemResult { index: number; category: string; amount: Decimal; model: string; key: string }
export interface Source { id: string; title: string; licence?: string; referenceDate?: string }
export interface Messages { de: string; en: string }
export interface Warning { code: string; path: string; message: Messages }
export interface KommuneRow { ags: string; name: string; population: number; amount: Decimal; exempt: boolean }
/**
 * `format: "columns"` through the WASM door: entry i of every column is one Kommune. `ags`, `name`
 * and `population` are frozen arrays shared by every response from the same data set (compare
 * them by identity), and so is the response's `kommunen.kreise` then (frozen `{ags, name}`);
 * `amount` holds integer counts of the response's `unit` (`123456n` at `"0.01"` is 1,234.56 €):
 * a `BigUint64Array`, or an array of `bigint` beyond 2⁶⁴ − 1 units; `exempt` is 1 for an exempt
 * Kommune. (The CLI's JSON has `amount` as integer strings and `exempt` as booleans.)
 */
export interface KommuneColumns {
  readonly ags: readonly string[]; readonly name: readonly string[]; readonly population: readonly number[];
  amount: BigUint64Array | bigint[]; exempt: Uint8Array;
}
export interface KommunenResult {
  land: string; level: "kreis" | "gemeinde"; landAmount: Decimal; landShare: Decimal; landKeeps: Decimal;
  key: "population" | "equal"; exemptBelow: number; gebietsstand: string; source: Source;
  /** Present unless the request asked for `format: "columns"`. */
  rows?: KommuneRow[];
  /** Present with `format: "columns"`: entry i of every list is one Kommune. */
  columns?: KommuneColumns;
  /** Level "gemeinde" only: the Land's Kreise; a Gemeinde's Kreis is its AGS's first 5 digits. */
  kreise?: { ags: string; name: string }[];
}
export interface AllocationResponse {
  contractVersion: 1; year: number; currency: "EUR"; unit: Decimal; total: Decimal;
  key: { id: string; source: string }; model: { id: string; source: string };
  periods: Period[]; items: ItemResult[]; tranches: TrancheResult[]; payers: Payer[];
  kommunen?: KommunenResult; sources: Source[]; warnings: Warning[];
}

export type ErrorCode =
  | "invalid_json" | "invalid_request" | "unknown_field" | "missing_field" | "invalid_year"
  | "invalid_amount" | "amount_not_multiple_of_unit" | "unknown_land" | "duplicate_land"
  | "invalid_alliance" | "empty_alliance" | "unknown_model" | "invalid_payers" | "invalid_ratio"
  | "shares_do_not_sum_to_one" | "unknown_key" | "invalid_weight" | "zero_weights" | "not_a_member"
  | "invalid_date" | "date_outside_year" | "empty_period" | "not_a_payer" | "missing_gv100ad"
  | "invalid_gv100ad" | "invalid_unit" | "limit_exceeded"
  // Plans (contract 1.1).
  | "invalid_plan" | "invalid_line" | "invalid_csv"
  // Plans from workbooks (contract 1.2).
  | "invalid_sheet";

/** Thrown by every export on bad input; the module stays usable. */
export declare class EfaError extends Error {
  name: "EfaError";
  code: ErrorCode;
  /** The offending field: "costs[1].amount", "membership.HE.from", "gv100ad:17",
   *  "plan.entries[3].costs", "csv:4:2" (CSV line and column, 1-based). */
  path: string;
  messages: Messages;
}

export interface Metadata {
  version: string; contractVersion: 1;
  laender: { id: string; iso: string; ags: string; name: Messages; population: number }[];
  keyEditions: { id: string; year: number; source: string }[];
  keys: { id: string; name: Messages; source?: string }[];
  models: { id: string; name: Messages; description: Messages; source: string;
            tranches: { share: Decimal; payers: "alliance" | "all" | "bund" | string[]; key: string | null }[] }[];
  categories: { id: string; name: Messages; source?: string }[];
  kommunenDefault: { level: "kreis"; referenceDate: string; source: string; licence: string | null; count: number; edition: string; populationDate: string; gemeinden: number; sourceLine: string };
  populationSource: string;
  errorCodes: ErrorCode[];
}

// Plans, contract version 1.1: many services over several Wirtschaftsjahre.

export type NamedModel = "alliance" | "itplr-2023-35" | "fitko";
/** The budget lines of IT-PLR Beschluss 2023/43. */
export type Line = "fokus" | "foederal";

/** A version-1 request without `kommunen`, plus the service and its budget line. */
export interface PlanEntry extends Omit<AllocationRequest, "kommunen"> {
  /** 1..64 characters. */
  service: string;
  line?: Line;
}
export interface Plan {
  /** 1..120 characters. */
  title?: string;
  /** Every entry is computed again with this model. */
  compare?: NamedModel;
  /** Default 15000000.00 each. */
  ceilings?: { fokus?: Decimal | number; foederal?: Decimal | number };
  /** 1..500 entries. */
  entries: PlanEntry[];
}
export interface PlanRequest { plan: Plan }
/** Set by the caller; they replace the plan's own `compare` and `title` (a CSV plan has none). */
export interface PlanOptions { compare?: NamedModel; title?: string }

/** Amounts by year: {"2025": "84371.01", "2026": "0.00"}, every plan year. */
export type YearAmounts = Record<string, Decimal>;
export interface PlanPayer {
  id: string; kind: "land" | "bund"; name: string; ags?: string;
  years: YearAmounts; total: Decimal;
  /** Present when the plan has `compare`; `difference` is total minus compare total. */
  compare?: { years: YearAmounts; total: Decimal; difference: Decimal };
}
export interface PlanService {
  service: string; years: YearAmounts; total: Decimal;
  /** Extension: each payer's amounts for this service. */
  payers: { id: string; years: YearAmounts; total: Decimal }[];
}
export interface PlanEntryResult {
  index: number; service: string; line?: Line; year: number;
  /** Extension: the model and key ids of the entry. */
  model: string; key: string;
  total: Decimal;
  payers: { id: string; amount: Decimal }[];
  compare?: { model: NamedModel; total: Decimal; payers: { id: string; amount: Decimal }[] };
  /** Extension: the version-1 request the entry was allocated as (for a CSV line too). */
  request: Omit<AllocationRequest, "kommunen">;
}
export interface PlanLine { line: Line; year: number; amount: Decimal; ceiling: Decimal; exceeded: boolean }
export interface PlanWarning extends Warning {
  /** Extension: the entries that gave this warning (absent for `ceiling_exceeded`). */
  entries?: number[];
  /** Extension, `ceiling_exceeded` only: the line and year above the ceiling. */
  line?: Line; year?: number;
}
export interface PlanResponse {
  contractVersion: "1.1"; title?: string; currency: "EUR";
  /** Extension: the comparison model, when the plan has one. */
  compare?: NamedModel;
  years: number[]; total: Decimal;
  /** Extension: the plan's total per year. */
  yearTotals: YearAmounts;
  payers: PlanPayer[]; services: PlanService[]; entries: PlanEntryResult[]; lines: PlanLine[];
  sources: Source[]; warnings: PlanWarning[];
}

// GV100AD files and the built-in Gemeinde table (issue 11). Text or bytes are read at once; a
// Response (fetch), Blob/File or ReadableStream is read chunk by chunk and gives a promise.
export function loadGv100ad(input: string | Uint8Array): Gv100adDataset;
export function loadGv100ad(input: Response | Blob | ReadableStream<Uint8Array>): Promise<Gv100adDataset>;
export function loadGv100ad(input: string | Uint8Array | Response | Blob | ReadableStream<Uint8Array>): Gv100adDataset | Promise<Gv100adDataset>;

/**
 * Allocates a plan (contract 1.1, 1.2): a plan object, its JSON text, CSV text, or a file's bytes
 * (JSON or CSV, UTF-8 or Windows-1252: the response at once). A workbook (`.xlsx`, `.ods`) and
 * a `Blob`/`File` give a promise: the package's container reader is loaded on first use. Throws
 * (or rejects with) `EfaError`.
 */
export function allocatePlan(input: PlanRequest | string, options?: PlanOptions): PlanResponse;
export function allocatePlan(input: Blob, options?: PlanOptions): Promise<PlanResponse>;
export function allocatePlan(input: Uint8Array | ArrayBuffer, options?: PlanOptions): PlanResponse | Promise<PlanResponse>;
export function allocatePlan(input: PlanRequest | string | Uint8Array | ArrayBuffer | Blob, options?: PlanOptions): PlanResponse | Promise<PlanResponse>;

/**
 * Allocates a request (the contract's request object, or its JSON text). `dataset`: a loaded
 * GV100AD file for the Kommune level; without it both levels use the built-in data. Throws
 * `EfaError`.
 */
export function allocate(request: AllocationRequest | string, dataset?: Gv100adDataset): AllocationResponse;
