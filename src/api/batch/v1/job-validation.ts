// Validation of Jobs (pkg/apis/batch/validation plus the job registry strategy's options), with
// upstream's messages and field paths.
import { type FieldError, type Path, duplicate, invalid, notSupported, required, root, tooMany } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { IMMUTABLE, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, regexError } from '../../../machinery/validation.js';
import type { Job, JobSpec, PodFailurePolicyRule } from './job.js';
import { validatePodTemplateSpec, type PodTemplateSpec } from '../../apps/v1/pod-template.js';
import { goLabelSelector, goStringMap, invalidGo } from '../../apps/v1/go-format.js';
import { asSelector, immutableSelector, nonNegative, templateLabelsMatch } from '../../apps/v1/workload-validation.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import { semanticDeepEqual } from '../../../machinery/equality.js';
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from './job-selector.js';

const META = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_EXIT_CODE_VALUES = 255;
const MAX_POD_CONDITION_PATTERNS = 20;
const MAX_SUCCESS_POLICY_RULES = 20;
const MAX_MANAGED_BY_LENGTH = 63;

export interface JobValidationOptions {
  /** require the batch.kubernetes.io/ labels too (always on create; on update only if the old Job had them) */
  requirePrefixedLabels: boolean;
  /** node affinity, node selector, tolerations, labels, annotations and scheduling gates of the template may change */
  allowMutableSchedulingDirectives: boolean;
}

/** The options upstream's strategy derives from the old Job (undefined on create). */
export function jobValidationOptions(old?: Job): JobValidationOptions {
  if (!old) return { requirePrefixedLabels: true, allowMutableSchedulingDirectives: false };
  const labels = (old.spec?.template as PodTemplateSpec | undefined)?.metadata?.labels ?? {};
  return {
    requirePrefixedLabels: JOB_NAME_LABEL in labels && CONTROLLER_UID_LABEL in labels,
    allowMutableSchedulingDirectives: old.spec?.suspend === true && !old.status?.startTime,
  };
}

/** ValidateHasLabel. */
function hasLabel(labels: Record<string, string> | undefined, path: Path, key: string, expected: string): FieldError[] {
  const p = path.child('labels').key(key);
  if (!labels || !(key in labels)) return [required(p, `must be '${expected}'`)];
  if (labels[key] !== expected) return [invalidGo(p, labels, goStringMap(labels), `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(job: Job, prefixed: boolean): FieldError[] {
  const spec = job.spec;
  if (!spec || spec.manualSelector === true || !spec.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (!uid) errs.push(required(root('metadata', 'uid'), ''));
  const labels = (spec.template as PodTemplateSpec | undefined)?.metadata?.labels;
  const tp = root('spec', 'template', 'metadata');
  errs.push(...hasLabel(labels, tp, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...hasLabel(labels, tp, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (prefixed) {
    errs.push(...hasLabel(labels, tp, CONTROLLER_UID_LABEL, uid));
    errs.push(...hasLabel(labels, tp, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const sel = asSelector(spec.selector);
  if (sel && !sel.matches(expected)) errs.push(invalidGo(root('spec', 'selector'), spec.selector, goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return errs;
}

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH_RE = new RegExp(`^${HTTP_PATH_FMT}$`);

/** IsDomainPrefixedPath. */
function domainPrefixedPath(path: Path, value: string): FieldError[] {
  if (value.length === 0) return [required(path, '')];
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || !host || !rest) return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => invalid(path, host, m));
  if (!HTTP_PATH_RE.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

function validatePodFailurePolicyRule(spec: JobSpec, rule: PodFailurePolicyRule, p: Path, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
  const action: string = rule.action ?? '';
  if (action === '') errs.push(required(p.child('action'), `valid values: [${actions.map((a) => JSON.stringify(a)).join(' ')}]`));
  else if (action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined) errs.push(invalid(p.child('action'), action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!actions.includes(action)) errs.push(notSupported(p.child('action'), action, actions));
  const onExit = rule.onExitCodes;
  if (onExit) {
    const ep = p.child('onExitCodes');
    const op: string = onExit.operator ?? '';
    if (op === '') errs.push(required(ep.child('operator'), 'valid values: ["In" "NotIn"]'));
    else if (op !== 'In' && op !== 'NotIn') errs.push(notSupported(ep.child('operator'), op, ['In', 'NotIn']));
    if (onExit.containerName !== undefined && !containerNames.has(onExit.containerName)) {
      errs.push(invalid(ep.child('containerName'), onExit.containerName, 'must be one of the container or initContainer names in the pod template'));
    }
    const values = onExit.values ?? [];
    const vp = ep.child('values');
    const goValues = onExit.values === undefined ? '[]int32(nil)' : `[]int32{${values.join(', ')}}`;
    if (values.length === 0) errs.push(invalidGo(vp, values, goValues, 'at least one value is required'));
    else if (values.length > MAX_EXIT_CODE_VALUES) errs.push(tooMany(vp, values.length, MAX_EXIT_CODE_VALUES));
    const seen = new Set<number>();
    let ordered = true;
    values.forEach((v, j) => {
      if (op === 'In' && v === 0) errs.push(invalid(vp.index(j), v, 'must not be 0 for the In operator'));
      if (seen.has(v)) errs.push(duplicate(vp.index(j), v));
      else seen.add(v);
      if (j > 0 && values[j - 1] > v) ordered = false;
    });
    if (!ordered) errs.push(invalidGo(vp, values, goValues, 'must be ordered'));
  }
  const conds = rule.onPodConditions ?? [];
  if (conds.length > 0) {
    const cp = p.child('onPodConditions');
    if (conds.length > MAX_POD_CONDITION_PATTERNS) errs.push(tooMany(cp, conds.length, MAX_POD_CONDITION_PATTERNS));
    conds.forEach((c, j) => {
      for (const m of isQualifiedName(c.type ?? '')) errs.push(invalid(cp.index(j).child('type'), c.type, m));
      const st = c.status ?? '';
      if (st === '') errs.push(required(cp.index(j).child('status'), 'valid values: ["False" "True" "Unknown"]'));
      else if (!['False', 'True', 'Unknown'].includes(st)) errs.push(notSupported(cp.index(j).child('status'), st, ['False', 'True', 'Unknown']));
    });
  }
  // upstream omits the value from these two
  if (onExit && conds.length > 0) errs.push({ ...invalid(p, undefined, 'specifying both OnExitCodes and OnPodConditions is not supported'), hasValue: false });
  if (!onExit && conds.length === 0) errs.push({ ...invalid(p, undefined, 'specifying one of OnExitCodes and OnPodConditions is required'), hasValue: false });
  return errs;
}

/** Parses "1,3-5" into the number of indexes; throws with a message on bad input. */
function countIndexes(text: string, completions: number): number {
  let total = 0;
  let last = -1;
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`cannot convert string to integer for index: ${JSON.stringify(part)}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new Error(`first index must be less or equal the second index in interval: ${JSON.stringify(part)}`);
    if (b >= completions) throw new Error(`too large index: ${JSON.stringify(String(b))}`);
    if (a <= last) throw new Error(`non-increasing order, previous: ${last}, current: ${a}`);
    last = b;
    total += b - a + 1;
  }
  return total;
}

function validateSuccessPolicy(spec: JobSpec, p: Path): FieldError[] {
  const policy = spec.successPolicy!;
  const rules = policy.rules ?? [];
  if (spec.completionMode !== 'Indexed') {
    const text = rules.length === 0 ? 'batch.SuccessPolicy{Rules:[]batch.SuccessPolicyRule{}}' : JSON.stringify(policy);
    return [invalidGo(p, policy, text, 'requires indexed completion mode')];
  }
  const errs: FieldError[] = [];
  const rp = p.child('rules');
  if (rules.length === 0) errs.push(required(rp, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rp, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = spec.completions ?? 0;
  rules.forEach((rule, i) => {
    const p2 = rp.index(i);
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
      errs.push(required(p2, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let total = 0;
    if (rule.succeededIndexes !== undefined) {
      try {
        total = countIndexes(rule.succeededIndexes, completions);
      } catch (e) {
        errs.push(invalid(p2.child('succeededIndexes'), rule.succeededIndexes, `error parsing succeededIndexes: ${(e as Error).message}`));
      }
    }
    if (rule.succeededCount !== undefined) {
      const cp = p2.child('succeededCount');
      errs.push(...nonNegative(rule.succeededCount, cp));
      if (rule.succeededCount > completions) {
        errs.push(invalid(cp, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
      }
      if (rule.succeededIndexes !== undefined && rule.succeededCount > total) {
        errs.push(invalid(cp, rule.succeededCount, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}

/** validateJobSpec: the rules a Job's spec and a CronJob's jobTemplate.spec share. */
export function validateJobSpecCommon(spec: JobSpec, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, p.child('parallelism')));
  errs.push(...nonNegative(spec.completions, p.child('completions')));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, p.child('activeDeadlineSeconds')));
  errs.push(...nonNegative(spec.backoffLimit, p.child('backoffLimit')));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, p.child('ttlSecondsAfterFinished')));
  errs.push(...nonNegative(spec.backoffLimitPerIndex, p.child('backoffLimitPerIndex')));
  if (spec.maxFailedIndexes !== undefined) {
    errs.push(...nonNegative(spec.maxFailedIndexes, p.child('maxFailedIndexes')));
    if (spec.backoffLimitPerIndex === undefined) errs.push(required(p.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined) {
    errs.push(...domainPrefixedPath(p.child('managedBy'), spec.managedBy));
    if (spec.managedBy.length > MAX_MANAGED_BY_LENGTH) {
      errs.push({ type: 'FieldValueTooLong', field: String(p.child('managedBy')), badValue: spec.managedBy, detail: `may not be longer than ${MAX_MANAGED_BY_LENGTH}`, hasValue: false });
    }
  }
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(p.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions === undefined) errs.push(required(p.child('completions'), 'when completion mode is Indexed'));
      if (spec.parallelism !== undefined && spec.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(p.child('parallelism'), spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (spec.completions !== undefined && spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > spec.completions) {
        errs.push(invalid(p.child('maxFailedIndexes'), spec.maxFailedIndexes, 'must be less than or equal to completions'));
      }
      if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > MAX_FAILED_INDEXES) {
        errs.push(invalid(p.child('maxFailedIndexes'), spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      }
      if (spec.completions !== undefined && spec.completions > COMPLETIONS_SOFT_LIMIT && spec.backoffLimitPerIndex !== undefined) {
        const tail = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
        if (spec.maxFailedIndexes === undefined) errs.push(required(p.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        if (spec.parallelism !== undefined && spec.parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
          errs.push(invalid(p.child('parallelism'), spec.parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${tail}`));
        }
        if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
          errs.push(invalid(p.child('maxFailedIndexes'), spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${tail}`));
        }
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex !== undefined) errs.push(invalid(p.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) errs.push(invalid(p.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const template = (spec.template ?? {}) as PodTemplateSpec;
  if (spec.podFailurePolicy) {
    const pp = p.child('podFailurePolicy');
    const rules = spec.podFailurePolicy.rules ?? [];
    if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(pp.child('rules'), rules.length, MAX_POD_FAILURE_POLICY_RULES));
    const names = new Set([...(template.spec?.containers ?? []), ...(template.spec?.initContainers ?? [])].map((c) => c.name ?? ''));
    rules.forEach((r, i) => errs.push(...validatePodFailurePolicyRule(spec, r, pp.child('rules').index(i), names)));
  }
  if (spec.successPolicy) errs.push(...validateSuccessPolicy(spec, p.child('successPolicy')));
  const rpp = spec.podReplacementPolicy;
  if (rpp !== undefined) {
    if (spec.podFailurePolicy) {
      if (rpp !== 'Failed') errs.push(notSupported(p.child('podReplacementPolicy'), rpp, ['Failed']));
    } else if (rpp !== 'Failed' && rpp !== 'TerminatingOrFailed') {
      errs.push(notSupported(p.child('podReplacementPolicy'), rpp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...validatePodTemplateSpec(template, p.child('template')));
  const restart = template.spec?.restartPolicy ?? '';
  const rp = p.child('template', 'spec', 'restartPolicy');
  if (restart === 'Always' || restart === '') errs.push(required(rp, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(notSupported(rp, restart, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restart !== 'Never') errs.push(invalid(rp, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJobSpec: the common rules plus the selector, which a Job must have and which must select its pods. */
function validateJobSpec(spec: JobSpec): FieldError[] {
  const p = root('spec');
  const errs = validateJobSpecCommon(spec, p);
  if (!spec.selector) errs.push(required(p.child('selector'), ''));
  else errs.push(...validateLabelSelector(spec.selector, p.child('selector')));
  const sel = asSelector(spec.selector);
  if (sel) errs.push(...templateLabelsMatch(sel, (spec.template as PodTemplateSpec | undefined)?.metadata?.labels, p.child('template', 'metadata', 'labels')));
  return errs;
}

/** ValidateJob. Run generateJobSelector first, as the API server does. */
export function validateJob(job: Job, opts: JobValidationOptions = jobValidationOptions()): FieldError[] {
  const errs = validateObjectMeta(job.metadata, META);
  errs.push(...validateGeneratedSelector(job, opts.requirePrefixedLabels));
  const spec = job.spec ?? ({} as JobSpec);
  errs.push(...validateJobSpec(spec));
  if (spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions > 0) {
    const name = job.metadata?.name ?? '';
    const host = `${name}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length > 0) {
      errs.push(invalid(root('metadata', 'name'), name, `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

const SCHEDULING_TEMPLATE_FIELDS = ['nodeSelector', 'tolerations', 'schedulingGates'];

function validateTemplateUpdate(spec: JobSpec, old: JobSpec, opts: JobValidationOptions): FieldError[] {
  const tpl = (spec.template ?? {}) as PodTemplateSpec;
  let oldTpl = (old.template ?? {}) as PodTemplateSpec;
  if (opts.allowMutableSchedulingDirectives) {
    // compare the old template with the mutable scheduling directives taken from the new one
    const copy = structuredClone(oldTpl);
    const meta = (copy.metadata ??= {});
    meta.labels = tpl.metadata?.labels;
    meta.annotations = tpl.metadata?.annotations;
    const cs = (copy.spec ??= {} as NonNullable<PodTemplateSpec['spec']>) as Record<string, unknown>;
    const ns = (tpl.spec ?? {}) as Record<string, unknown>;
    for (const f of SCHEDULING_TEMPLATE_FIELDS) cs[f] = ns[f];
    const newAff = ns.affinity as Record<string, unknown> | undefined;
    const oldAff = cs.affinity as Record<string, unknown> | undefined;
    if (!newAff && oldAff) {
      const rest = { ...oldAff };
      delete rest.nodeAffinity;
      cs.affinity = Object.values(rest).some((v) => v !== undefined) ? rest : undefined;
    } else if (newAff && !oldAff) {
      cs.affinity = newAff.nodeAffinity === undefined ? {} : { nodeAffinity: newAff.nodeAffinity };
    } else if (newAff && oldAff) {
      cs.affinity = { ...oldAff, nodeAffinity: newAff.nodeAffinity };
    }
    oldTpl = copy;
  }
  return semanticDeepEqual(tpl, oldTpl) ? [] : [invalid(root('spec', 'template'), tpl, IMMUTABLE)];
}

function immutable(value: unknown, old: unknown, path: Path): FieldError[] {
  return semanticDeepEqual(value ?? null, old ?? null) ? [] : [invalid(path, value ?? null, IMMUTABLE)];
}

/** The strategy's ValidateUpdate: ValidateJob with the update options, then ValidateJobUpdate. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const opts = jobValidationOptions(old);
  const errs = validateJob(job, opts);
  errs.push(...validateObjectMetaUpdate(job.metadata, old.metadata, META));
  const spec = job.spec ?? ({} as JobSpec);
  const oldSpec = old.spec ?? ({} as JobSpec);
  const p = root('spec');
  // completions may change only for Indexed Jobs, together with parallelism (elastic Indexed Jobs)
  if (spec.completionMode === 'Indexed') {
    if (!semanticDeepEqual(spec.completions, oldSpec.completions) && spec.completions !== undefined && spec.completions !== spec.parallelism) {
      errs.push(invalid(p.child('completions'), spec.completions, 'can only be modified in tandem with spec.parallelism'));
    }
  } else {
    errs.push(...immutable(spec.completions, oldSpec.completions, p.child('completions')));
  }
  errs.push(...immutableSelector(spec.selector, oldSpec.selector, p.child('selector')));
  errs.push(...validateTemplateUpdate(spec, oldSpec, opts));
  errs.push(...immutable(spec.completionMode, oldSpec.completionMode, p.child('completionMode')));
  errs.push(...immutable(spec.podFailurePolicy, oldSpec.podFailurePolicy, p.child('podFailurePolicy')));
  errs.push(...immutable(spec.backoffLimitPerIndex, oldSpec.backoffLimitPerIndex, p.child('backoffLimitPerIndex')));
  errs.push(...immutable(spec.managedBy, oldSpec.managedBy, p.child('managedBy')));
  errs.push(...immutable(spec.successPolicy, oldSpec.successPolicy, p.child('successPolicy')));
  return errs;
}

