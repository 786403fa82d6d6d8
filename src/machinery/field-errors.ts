// Field errors, as k8s.io/apimachinery/pkg/util/validation/field: every validation
// problem names the field path and prints exactly as upstream does, e.g.
//   spec.containers[0].name: Required value
//   metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of …

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** A field path such as spec.containers[0].name, built with child() and index(). */
export class Path {
  readonly #text: string;
  constructor(text = '') {
    this.#text = text;
  }
  child(...names: string[]): Path {
    let t = this.#text;
    for (const n of names) t = t ? `${t}.${n}` : n;
    return new Path(t);
  }
  index(i: number): Path {
    return new Path(`${this.#text}[${i}]`);
  }
  key(k: string): Path {
    return new Path(`${this.#text}[${k}]`);
  }
  toString(): string {
    return this.#text;
  }
}

export const root = (...names: string[]): Path => new Path().child(...names);

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** the offending value; omitted from the message for Required, Forbidden, TooLong without value, Internal */
  badValue?: unknown;
  detail: string;
  /** set when badValue should be printed (Invalid, NotSupported, Duplicate, NotFound) */
  hasValue: boolean;
}

/** Prints a value the way Go's %#v-ish upstream formatting does for field errors. */
function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** The error body without the field path: "Invalid value: \"Foo\": a lowercase …" */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (e.hasValue) s += `: ${formatValue(e.badValue)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** The whole error line: "spec.containers[0].name: Required value" */
export function errorString(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

const f = (p: Path | string) => String(p);

export function required(path: Path | string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field: f(path), detail, hasValue: false };
}
export function invalid(path: Path | string, value: unknown, detail = ''): FieldError {
  return { type: 'FieldValueInvalid', field: f(path), badValue: value, detail, hasValue: true };
}
export function notSupported(path: Path | string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field: f(path), badValue: value, detail, hasValue: true };
}
export function duplicate(path: Path | string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field: f(path), badValue: value, detail: '', hasValue: true };
}
export function forbidden(path: Path | string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field: f(path), detail, hasValue: false };
}
export function notFound(path: Path | string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: f(path), badValue: value, detail: '', hasValue: true };
}
export function tooLong(path: Path | string, value: unknown, maxLength: number): FieldError {
  return {
    type: 'FieldValueTooLong', field: f(path), badValue: value,
    detail: `may not be more than ${maxLength} bytes`, hasValue: false,
  };
}
export function tooMany(path: Path | string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field: f(path), badValue: actual, detail: `must have at most ${max} items`, hasValue: false };
}
export function internalError(path: Path | string, err: Error | string): FieldError {
  return { type: 'InternalError', field: f(path), detail: String(err instanceof Error ? err.message : err), hasValue: false };
}

/** "spec.x: Required value" for one error, "[a, b]" for several — upstream's ErrorList.ToAggregate(). */
export function aggregateMessage(errs: FieldError[]): string {
  const lines = [...new Set(errs.map(errorString))];
  return lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
}
