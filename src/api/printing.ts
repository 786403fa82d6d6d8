// Helpers shared by the printer columns of every kind (as upstream's printers):
// ages, joined lists and the <none> placeholder.

/** duration.HumanDuration: 45s, 5m10s, 3h, 2d4h, 1y30d … */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: the AGE column; <unknown> when unset. */
export function age(timestamp: string | undefined, now: Date): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now.getTime() - t);
}

/** "<none>" for empty values, as printers show. */
export function orNone(value: string | undefined | null): string {
  return value ? value : '<none>';
}

/** Joins values with commas, "<none>" when empty. */
export function joinOrNone(values: readonly string[] | undefined): string {
  return values && values.length ? values.join(',') : '<none>';
}

/** Upstream caps long lists in a column: first n, then ", + k more...". */
export function joinCapped(values: readonly string[], max: number): string {
  if (values.length <= max) return values.join(',');
  return `${values.slice(0, max).join(',')} + ${values.length - max} more...`;
}

/** labels.FormatLabels: sorted key=value pairs, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',') : '<none>';
}

/** layoutContainerCells: the CONTAINERS and IMAGES cells, comma separated. */
export function containerCells(containers: readonly { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}
