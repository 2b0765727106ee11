// save to text formats (ref/save.md): the extension picks the format, the
// name before it the global; csv and txt a header line then a line a row.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { tmp, q1, qerr, withGlobals } from './helpers.js';

describe('save with a text extension', () => {
  it('csv, txt, xml and json, as the reference shows them', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]x:2 3 5; y:`ibm`amd`intel; z:"npn")').dispose();
      expect(q1(`save\`:${dir}/t.csv`)).toBe(`\`:${dir}/t.csv`);
      expect(readFileSync(join(dir, 't.csv'), 'utf8')).toBe('x,y,z\n2,ibm,n\n3,amd,p\n5,intel,n\n');
      expect(q1(`read0\`:${dir}/t.csv`)).toBe('("x,y,z";"2,ibm,n";"3,amd,p";"5,intel,n")');
      q(`save\`:${dir}/t.txt`).dispose();
      expect(readFileSync(join(dir, 't.txt'), 'utf8')).toBe('x\ty\tz\n2\tibm\tn\n3\tamd\tp\n5\tintel\tn\n');
      q(`save\`:${dir}/t.xml`).dispose();
      expect(readFileSync(join(dir, 't.xml'), 'utf8')).toBe(
        '<R>\n<r><x>2</x><y>ibm</y><z>n</z></r>\n<r><x>3</x><y>amd</y><z>p</z></r>\n<r><x>5</x><y>intel</y><z>n</z></r>\n</R>\n');
      q(`save\`:${dir}/t.json`).dispose();
      expect(readFileSync(join(dir, 't.json'), 'utf8')).toBe(
        '{"x":2,"y":"ibm","z":"n"}\n{"x":3,"y":"amd","z":"p"}\n{"x":5,"y":"intel","z":"n"}\n');
      // the csv reads back with 0:
      expect(q1(`t~("JSC";enlist",")0:\`:${dir}/t.csv`)).toBe('1b');
      // several at once, keyed tables unkeyed, a binary file beside them
      q('k:([x:1 2] v:`a`b)').dispose();
      expect(q1(`save\`$(":${dir}/k.csv";":${dir}/t")`)).toBe(`\`:${dir}/k.csv\`:${dir}/t`);
      expect(readFileSync(join(dir, 'k.csv'), 'utf8')).toBe('x,v\n1,a\n2,b\n');
      expect(q1(`t~get\`:${dir}/t`)).toBe('1b');
      expect(qerr(`save\`:${dir}/t.xls`)).toBe('nyi');
      expect(qerr(`save\`:${dir}/nothere.csv`)).toBe('nothere');
    } finally { done(); }
  }));
});
