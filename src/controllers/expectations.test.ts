import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations.js';

test('expectations: unknown keys are satisfied; creations must all be observed', () => {
  const e = new ControllerExpectations();
  assert.equal(e.satisfied('ns/rs'), true);
  e.expectCreations('ns/rs', 2);
  assert.equal(e.satisfied('ns/rs'), false);
  e.creationObserved('ns/rs');
  assert.equal(e.satisfied('ns/rs'), false);
  e.creationObserved('ns/rs');
  assert.equal(e.satisfied('ns/rs'), true);
  assert.deepEqual(e.get('ns/rs'), { add: 0, del: 0 });
});

test('expectations: deletions are tracked by pod key, unexpected deletes do not count', () => {
  const e = new ControllerExpectations();
  e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
  e.deletionObserved('ns/rs', 'ns/zzz');
  e.deletionObserved('ns/rs', 'ns/a');
  e.deletionObserved('ns/rs', 'ns/a');
  assert.deepEqual(e.get('ns/rs'), { add: 0, del: 1 });
  assert.equal(e.satisfied('ns/rs'), false);
  e.deletionObserved('ns/rs', 'ns/b');
  assert.equal(e.satisfied('ns/rs'), true);
});

test('expectations: expire after five minutes; delete forgets', () => {
  let now = 1_000_000;
  const e = new ControllerExpectations(() => now);
  e.expectCreations('k', 5);
  now += EXPECTATIONS_TIMEOUT_MS;
  assert.equal(e.satisfied('k'), false);
  now += 1;
  assert.equal(e.satisfied('k'), true);
  e.expectCreations('k', 1);
  e.delete('k');
  assert.equal(e.satisfied('k'), true);
  assert.equal(e.get('k'), undefined);
});
