import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ticks } from './delivery-chart.tsx';

test('the chart axis reaches the highest bar, in at most five equal steps from 0', () => {
  assert.deepEqual(ticks(7), [0, 2, 4, 6, 8]);
  assert.deepEqual(ticks(0), [0, 1]);
  assert.deepEqual(ticks(4), [0, 1, 2, 3, 4]);
  for (let max = 0; max <= 1000; max++) {
    const axis = ticks(max);
    const step = axis[1]! - axis[0]!;
    assert.equal(axis[0], 0);
    assert.ok(axis[axis.length - 1]! >= max, `max ${max}: ${axis.join(',')}`);
    assert.ok(axis.length <= 6, `max ${max}: ${axis.join(',')}`);
    assert.ok(axis.every((v, i) => v === i * step));
  }
});
