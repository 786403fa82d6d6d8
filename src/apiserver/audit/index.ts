// Audit logging for the API server: `--audit-policy-file F --audit-log-path P` (P "-" = stdout).
// As upstream, both are needed: without a policy nothing is logged, without a path there is no backend.
import { readFileSync } from 'node:fs';
import type { Scheme } from '../../api/scheme.js';
import type { RequestFilter } from '../chain.js';
import { auditFilter, fileSink, type AuditSink } from './filter.js';
import { parsePolicy, PolicyError } from './policy.js';

export { addAuditAnnotation, auditingAuthorizer, setAuditObjects, auditFilter, fileSink, memorySink, type AuditSink } from './filter.js';
export { parsePolicy, evaluatePolicy, PolicyError, type Policy, type AuditLevel, type AuditStage } from './policy.js';
export { scrub, type AuditEvent } from './event.js';

export interface AuditBackend {
  filter: RequestFilter;
  sink: AuditSink;
  /** closes the log file */
  close(): void;
}

/** Reads the policy and opens the log (the scheme decodes protobuf bodies); undefined unless both are given. Throws PolicyError for a bad policy. */
export function auditFromFiles(policyFile: string | undefined, logPath: string | undefined, scheme?: Scheme): AuditBackend | undefined {
  if (!policyFile || !logPath) return undefined;
  let text: string;
  try {
    text = readFileSync(policyFile, 'utf8');
  } catch (e) {
    throw new PolicyError(`cannot read the audit policy file ${policyFile}: ${(e as Error).message}`);
  }
  const policy = parsePolicy(text);
  const sink = fileSink(logPath);
  return { filter: auditFilter(policy, sink, scheme), sink, close: () => sink.close() };
}
