// count each of a general list or of a dictionary of lists reads the items'
// counts from their headers (adverbs.ts countEach): it must agree with calling
// count on each item, for every kind of item.
import { describe, expect, test } from 'vitest';
import { evaluate } from './helpers.js';

function text(q: string): string {
  const k = evaluate(q);
  try { return `${k.type} ${k.toString()}`; } finally { k.dispose(); }
}

describe('count each', () => {
  test.each([
    '(1 2;`a;{x};"abc";([]a:1 2 3);(1 2)!(3 4);();(::);0#0;enlist 1 2)', '()', '(();())', 'group 1 1 2 3 3 3',
    'group `a`b`a', 'group "mississippi"', '`a`b!(1 2;3)', '`a`b!1 2', '1 2 3', '`a`b`c', '(`a`b!(1 2;3 4);5)',
    '((1 2;3);(4;5 6;7))', '(1;2.5;"c")', 'flip `a`b!(1 2;3 4)', '(`a`b!1 2)!(3 4;5)',
  ])('%s', (x) => {
    expect(text(`count each ${x}`)).toBe(text(`{count x} each ${x}`));
  });
  test('over a large group', () => {
    expect(text('sum count each group 100000?37')).toBe('-7 100000');
    expect(text('(count each group v)~{count x} each group v:1000?10')).toBe('-1 1b');
  });
});
