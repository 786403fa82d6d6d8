// IntOrString helpers (k8s.io/apimachinery/pkg/util/intstr): maxSurge / maxUnavailable style
// values that are either an integer or a percentage string such as "25%".

/** An IntOrString as it appears in JSON: a number or a string. */
export type IntOrString = number | string;

export class IntOrStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntOrStringError';
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi: the integer, or the error text Go would give. */
function atoi(s: string): { value: number } | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax` };
  const v = BigInt(s);
  if (v < INT64_MIN || v > INT64_MAX) return { error: `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range` };
  return { value: Number(v) };
}

/** True for a string ending in '%'. */
export function isPercent(v: IntOrString | undefined | null): v is string {
  return typeof v === 'string' && v.endsWith('%');
}

/** IntValue(): the number, or the string read as an integer (0 when it is not one). */
export function intValue(v: IntOrString | undefined | null): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v !== 'string') return 0;
  const r = atoi(v);
  return 'value' in r ? r.value : 0;
}

function apply(value: number, percent: boolean, total: number, roundUp: boolean): number {
  if (!percent) return value;
  const exact = (value * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * GetScaledValueFromIntOrPercent: an integer as is, or "N%" of total rounded up or down.
 * A string without '%' is an error, as upstream. E.g. '25%' of 3 is 1 rounded up, 0 rounded down.
 */
export function scaledValue(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new IntOrStringError('nil value for IntOrString');
  if (typeof v === 'number') return Math.trunc(v);
  if (!v.endsWith('%')) throw new IntOrStringError('invalid value for IntOrString: invalid type: string is not a percentage');
  const r = atoi(v.slice(0, -1));
  if ('error' in r) throw new IntOrStringError(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}: ${r.error}`);
  return apply(r.value, true, total, roundUp);
}

/**
 * GetValueFromIntOrPercent (the older, lenient form): every '%' is removed and any string is
 * read as a percentage, so "50" means 50%.
 */
export function valueFromIntOrPercent(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new IntOrStringError('nil value for IntOrString');
  if (typeof v === 'number') return Math.trunc(v);
  const r = atoi(v.replaceAll('%', ''));
  if ('error' in r) throw new IntOrStringError(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}: ${r.error}`);
  return apply(r.value, true, total, roundUp);
}

/** intstr.Parse: a string holding an int32 becomes a number, anything else stays a string. */
export function parseIntOrString(s: string): IntOrString {
  const r = atoi(s);
  if ('value' in r && r.value >= -(2 ** 31) && r.value <= 2 ** 31 - 1) return r.value;
  return s;
}
