import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString, root } from '../../../machinery/field-errors.js';
import { validateLabelSelector } from './label-selector.js';
import type { LabelSelector } from './types.js';

const errs = (s: LabelSelector | undefined, opts = {}) => validateLabelSelector(s, root('spec', 'selector'), opts).map(errorString);

test('validateLabelSelector: matchLabels first, then each expression (operator, key, values), as upstream', () => {
  assert.deepEqual(errs({
    matchLabels: { 'bad key': 'v' },
    matchExpressions: [
      { key: 'a', operator: 'In', values: [] },
      { key: 'b', operator: 'Exists', values: ['x'] },
      { key: '-c', operator: 'Near' as 'In', values: ['not a value!'] },
    ],
  }), [
    "spec.selector.matchLabels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    'spec.selector.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
    "spec.selector.matchExpressions[2].key: Invalid value: \"-c\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    "spec.selector.matchExpressions[2].values[0]: Invalid value: \"not a value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});

test('validateLabelSelector: allowInvalidLabelValues skips the value check only; a missing key is an error, not a crash', () => {
  const s: LabelSelector = { matchExpressions: [{ key: 'a', operator: 'In', values: ['not a value!'] }] };
  assert.equal(errs(s).length, 1);
  assert.deepEqual(errs(s, { allowInvalidLabelValues: true }), []);
  assert.deepEqual(errs({ matchExpressions: [{ operator: 'Exists' } as never] }), [
    "spec.selector.matchExpressions[0].key: Invalid value: \"\": name part must be non-empty",
    "spec.selector.matchExpressions[0].key: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
  assert.deepEqual(errs(undefined), []);
});
