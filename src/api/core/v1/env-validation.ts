// Validation of a container's environment (upstream ValidateEnv, ValidateEnvFrom and
// validateEnvVarValueFrom): variable names, and exactly one source per valueFrom.
import { type FieldError, type Path, invalid, required } from '../../../machinery/field-errors.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { EnvFromSource, EnvVar } from './container.js';
import { ENV_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './field-selector-validation.js';

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is on by default in v1.33). */
function relaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c > 127 || c < 32 || c === 127 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

function validateKeySelector(s: { name?: string; key: string }, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of nameIsDNSSubdomain(s.name ?? '', false)) errs.push(invalid(path.child('name'), s.name ?? '', m));
  if (!s.key) errs.push(required(path.child('key')));
  else for (const m of isConfigMapKey(s.key)) errs.push(invalid(path.child('key'), s.key, m));
  return errs;
}

export function validateEnv(vars: EnvVar[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (!ev.name) errs.push(required(p.child('name')));
    else for (const m of relaxedEnvVarName(ev.name)) errs.push(invalid(p.child('name'), ev.name, m));
    const from = ev.valueFrom;
    if (!from) return;
    const fp = p.child('valueFrom');
    let n = 0;
    if (from.fieldRef) {
      n++;
      errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, fp.child('fieldRef')));
    }
    if (from.resourceFieldRef) {
      n++;
      errs.push(...validateResourceFieldSelector(from.resourceFieldRef, fp.child('resourceFieldRef'), false));
    }
    if (from.configMapKeyRef) {
      n++;
      errs.push(...validateKeySelector(from.configMapKeyRef, fp.child('configMapKeyRef')));
    }
    if (from.secretKeyRef) {
      n++;
      errs.push(...validateKeySelector(from.secretKeyRef, fp.child('secretKeyRef')));
    }
    if (n === 0) errs.push(invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (ev.value) errs.push(invalid(fp, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(invalid(fp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

export function validateEnvFrom(sources: EnvFromSource[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (ev.prefix) for (const m of relaxedEnvVarName(ev.prefix)) errs.push(invalid(p.child('prefix'), ev.prefix, m));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = ev[kind];
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(required(p.child(kind, 'name')));
      else for (const m of nameIsDNSSubdomain(ref.name, true)) errs.push(invalid(p.child(kind, 'name'), ref.name, m));
    }
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
