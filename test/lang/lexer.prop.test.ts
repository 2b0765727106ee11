// The char-code lexer (src/lang/lexer.ts) against the regex lexer it replaced
// (test/ref/lexer.ts): the same tokens (kind, text, offsets, blank before,
// decoded constants) or the same error, on every line and whole file of the
// transcript corpus, the kx reference corpus when present, and random text.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { lex } from '../../src/lang/lexer.js';
import { lex as lexRef } from '../ref/lexer.js';

type Outcome = { toks: unknown } | { err: string };
function run(f: (s: string) => unknown, s: string): Outcome {
  try { return { toks: f(s) }; } catch (e) { return { err: (e as Error).message }; }
}
/** Same outcome; -0 and 0 apart (Object.is), NaN equal to NaN. */
function same(s: string): void {
  const a = run(lex, s), b = run(lexRef, s);
  expect(a, JSON.stringify(s)).toStrictEqual(b);
}

const Q = join(__dirname, '..', 'q');
const corpus: string[] = [];
for (const f of readdirSync(Q).filter((f) => f.endsWith('.q.txt'))) {
  const text = readFileSync(join(Q, f), 'utf8');
  corpus.push(text);
  for (const l of text.split('\n')) corpus.push(l.startsWith('q)') ? l.slice(2) : l);
}
const KX = '/tmp/kxcorpus.jsonl';
if (existsSync(KX)) {
  for (const line of readFileSync(KX, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      for (const v of Object.values(o)) if (typeof v === 'string' && v.length < 2000) corpus.push(v);
      const steps = o.steps as { input?: string }[] | undefined;
      if (Array.isArray(steps)) for (const s of steps) if (typeof s?.input === 'string') corpus.push(s.input);
    } catch { /* not a record */ }
  }
}

describe('char-code lexer = regex lexer', () => {
  test(`every transcript line and file (${corpus.length} texts)`, () => {
    for (const s of corpus) same(s);
  });

  const ALPHABET = [...'0123456789.-+*%!&|<>=~,^#_$?@:;()[]{}`"\\/\' \t\nabcdefxyzDTNWnwpmsuvtjhie:01x0x1fe-e\u0001'];
  const qchar = fc.constantFrom(...ALPHABET);
  test('random strings over q\'s characters', () => {
    fc.assert(fc.property(fc.array(qchar, { maxLength: 30 }).map((a) => a.join('')), (s) => { same(s); }), { numRuns: 20000 });
  });
  const pieces = fc.constantFrom('2000.01.01', '2000.01m', '12:34', '12:34:56', '12:34:56.789', '1D02:03', '0N', '0Nd', '0w', '-0W',
    '1e5', '1.5e-3', '.5', '3.', '0x0f', '101b', '1 2 3', '`a`b', '`:f/g', '"a\\"b"', '"\\012"', '{x+y}', "f'", '/:', '\\:', 'x.y', '.z.p',
    ' ', '-', '1', 'h', 'e', ':', '::', '<=', '0:', '2:', 'j', 'p', 'f', '\n/', '\n\\\n', '\n', '/ c', '_', 'a_b');
  test('random splices of q constants and glyphs', () => {
    fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }).map((a) => a.join('')), (s) => { same(s); }), { numRuns: 20000 });
  });
  test('random splices of corpus lines', () => {
    const lines = corpus.filter((s) => s.length < 200);
    fc.assert(fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '', ';', '\n'),
      (ls, sep) => { same(ls.join(sep)); }), { numRuns: 5000 });
  });
});
