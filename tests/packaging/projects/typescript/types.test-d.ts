// Type assertions on the package's declarations (expect-type): `tsc` fails on any that does not
// hold. Compiled under nodenext and bundler resolution by tests/packaging/packaging.test.mjs.
import { expectTypeOf } from 'expect-type';
import init, {
  allocate,
  EfaError,
  initSync,
  loadGemeinden,
  loadGv100ad,
  allocatePlan,
  type PlanResponse,
  metadata,
  type AllocationRequest,
  type AllocationResponse,
  type Decimal,
  type ErrorCode,
  type Gv100adDataset,
  type Messages,
} from 'efa-rechner';
import { planToXlsx, readSheets } from 'efa-rechner/sheet';

// allocate: the contract's request object or its JSON text; the data set is optional.
expectTypeOf(allocate).parameter(0).toEqualTypeOf<AllocationRequest | string>();
expectTypeOf(allocate).parameter(1).toEqualTypeOf<Gv100adDataset | undefined>();
expectTypeOf(allocate).toBeCallableWith({ year: 2025, costs: '1000000.00' });
expectTypeOf(allocate).toBeCallableWith('{"year": 2025, "costs": "1.00"}');
expectTypeOf(allocate).returns.toEqualTypeOf<AllocationResponse>();
// What must not compile (each @ts-expect-error fails the build when its line compiles):
// @ts-expect-error: costs are a decimal string or a number, never a bigint
expectTypeOf(allocate).toBeCallableWith({ year: 2025, costs: 1n });
// @ts-expect-error: "alliances" is no field of the request (a typo)
export const typo: AllocationRequest = { year: 2025, costs: '1.00', alliances: ['BY'] };
// @ts-expect-error: a response amount is a decimal string, never a number
export const total: number = allocate({ year: 2025, costs: '1.00' }).total;

// The response: money as decimal strings, the contract's literal fields.
expectTypeOf<AllocationResponse['contractVersion']>().toEqualTypeOf<1>();
expectTypeOf<AllocationResponse['currency']>().toEqualTypeOf<'EUR'>();
expectTypeOf<AllocationResponse['total']>().toEqualTypeOf<Decimal>();
expectTypeOf<Decimal>().toEqualTypeOf<string>();
expectTypeOf<AllocationResponse['payers'][number]['amount']>().toEqualTypeOf<string>();
expectTypeOf<AllocationResponse['payers'][number]['kind']>().toEqualTypeOf<'land' | 'bund'>();
expectTypeOf<NonNullable<AllocationResponse['kommunen']>['level']>().toEqualTypeOf<'kreis' | 'gemeinde'>();
expectTypeOf<NonNullable<NonNullable<AllocationResponse['kommunen']>['columns']>['amount']>().toEqualTypeOf<BigUint64Array | bigint[]>();

// The names do not shadow the platform's: Response here is fetch's.
expectTypeOf<Response>().not.toEqualTypeOf<AllocationResponse>();
expectTypeOf<Request>().not.toEqualTypeOf<AllocationRequest>();

// loadGv100ad: text and bytes give the data set at once; the platform's Response, Blob and
// ReadableStream are read chunk by chunk and give a promise.
declare const fetched: Response;
declare const stream: ReadableStream<Uint8Array>;
expectTypeOf(loadGv100ad('text')).toEqualTypeOf<Gv100adDataset>();
expectTypeOf(loadGv100ad(new Uint8Array(0))).toEqualTypeOf<Gv100adDataset>();
expectTypeOf(loadGv100ad(fetched)).toEqualTypeOf<Promise<Gv100adDataset>>();
expectTypeOf(loadGv100ad(new Blob([]))).toEqualTypeOf<Promise<Gv100adDataset>>();
expectTypeOf(loadGv100ad(stream)).toEqualTypeOf<Promise<Gv100adDataset>>();
declare const either: string | Blob;
expectTypeOf(loadGv100ad(either)).toEqualTypeOf<Gv100adDataset | Promise<Gv100adDataset>>();
expectTypeOf(loadGemeinden).toBeCallableWith(new Uint8Array(0));

// allocatePlan: a plan object, JSON or CSV text at once; a Blob (a file dropped or chosen) is read
// as a workbook or text and gives a promise; bytes may be a workbook, so they may give one.
expectTypeOf(allocatePlan('Dienst;Jahr;Kosten')).toEqualTypeOf<PlanResponse>();
expectTypeOf(allocatePlan(new Blob([]))).toEqualTypeOf<Promise<PlanResponse>>();
expectTypeOf(allocatePlan(new Uint8Array(0))).toEqualTypeOf<PlanResponse | Promise<PlanResponse>>();
expectTypeOf(allocatePlan(new Blob([]), { compare: 'alliance' })).toEqualTypeOf<Promise<PlanResponse>>();

// planToXlsx (efa-rechner/sheet): a plan response as the result workbook, a Blob.
expectTypeOf(planToXlsx).parameter(0).toEqualTypeOf<PlanResponse>();
expectTypeOf(planToXlsx).returns.toEqualTypeOf<Blob>();
expectTypeOf(readSheets).returns.toEqualTypeOf<Promise<string | null>>();

// init: no argument (the .wasm beside the module), a URL, a fetch promise; initSync: bytes.
expectTypeOf(init).toBeCallableWith();
expectTypeOf(init).toBeCallableWith({ module_or_path: new URL('https://localhost/efa_rechner_bg.wasm') });
expectTypeOf(init).toBeCallableWith({ module_or_path: fetch('/efa_rechner_bg.wasm') });
expectTypeOf(initSync).toBeCallableWith({ module: new Uint8Array(0) });

// EfaError: an Error, narrowed by instanceof, with the code union, the path and both messages.
expectTypeOf<EfaError>().toExtend<Error>();
function narrow(e: unknown): void {
  expectTypeOf(e).toBeUnknown();
  if (e instanceof EfaError) {
    expectTypeOf(e).toEqualTypeOf<EfaError>();
    expectTypeOf(e.name).toEqualTypeOf<'EfaError'>();
    expectTypeOf(e.code).toEqualTypeOf<ErrorCode>();
    expectTypeOf(e.path).toEqualTypeOf<string>();
    expectTypeOf(e.messages).toEqualTypeOf<Messages>();
    expectTypeOf(e.messages.de).toBeString();
  }
}
narrow(null);
export function unknownCode(e: EfaError): boolean {
  // @ts-expect-error: no such code in the union
  return e.code === 'no_such_code';
}

// The code union, pinned: the test checks it against metadata().errorCodes at run time.
expectTypeOf<ErrorCode>().toEqualTypeOf<
  | 'invalid_json' | 'invalid_request' | 'unknown_field' | 'missing_field' | 'invalid_year'
  | 'invalid_amount' | 'amount_not_multiple_of_unit' | 'unknown_land' | 'duplicate_land'
  | 'invalid_alliance' | 'empty_alliance' | 'unknown_model' | 'invalid_payers' | 'invalid_ratio'
  | 'shares_do_not_sum_to_one' | 'unknown_key' | 'invalid_weight' | 'zero_weights' | 'not_a_member'
  | 'invalid_date' | 'date_outside_year' | 'empty_period' | 'not_a_payer' | 'missing_gv100ad'
  | 'invalid_gv100ad' | 'invalid_unit' | 'limit_exceeded'
  | 'invalid_plan' | 'invalid_line' | 'invalid_csv' | 'invalid_sheet'
>();
expectTypeOf(metadata().errorCodes).toEqualTypeOf<ErrorCode[]>();
expectTypeOf(metadata().version).toBeString();
