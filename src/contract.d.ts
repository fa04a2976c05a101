// The allocation contract, version 1 (../shared/contract/README.md), as TypeScript types.
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
  /** Extension: "columns" returns `kommunen.columns` instead of `rows` (cheaper for thousands). */
  format?: "rows" | "columns";
}

export interface Request {
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
export interface KommuneColumns { ags: string[]; name: string[]; population: number[]; amount: Decimal[]; exempt: boolean[] }
export interface KommunenResult {
  land: string; level: "kreis" | "gemeinde"; landAmount: Decimal; landShare: Decimal; landKeeps: Decimal;
  key: "population" | "equal"; exemptBelow: number; gebietsstand: string; source: Source;
  /** Present unless the request asked for `format: "columns"`. */
  rows?: KommuneRow[];
  /** Present with `format: "columns"`: entry i of every list is one Kommune. */
  columns?: KommuneColumns;
}
export interface Response {
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
  | "invalid_gv100ad" | "invalid_unit" | "limit_exceeded";

/** Thrown by every export on bad input; the module stays usable. */
export declare class EfaError extends Error {
  name: "EfaError";
  code: ErrorCode;
  /** The offending field: "costs[1].amount", "membership.HE.from", "gv100ad:17". */
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
  kommunenDefault: { level: "kreis"; referenceDate: string; source: string; licence: string | null; count: number };
  populationSource: string;
  errorCodes: ErrorCode[];
}
