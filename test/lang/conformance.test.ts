// The conformance suite: kdb+ console transcripts under test/q/*.q.txt (format
// in test/q/README.md), replayed through the same console evaluator the q)
// REPL and pipe mode use. Every case must print exactly what kdb+ prints.
//
// test/q/known-failures.txt lists cases that do not pass yet, one per line as
// `file.q.txt: EXPR`. Those are asserted to still FAIL, so fixing one forces
// its removal from the list (the list can only shrink honestly).
import { describe, it, expect, afterAll, beforeAll, beforeEach } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { q } from '../../src/index.js';
import { trackHandles } from '../../src/k.js';
import { consoleEval, reset, setOutput } from '../../src/lang/index.js';
import { errorText } from '../../src/lang/repl.js';
import { system as qsystem } from '../../src/lang/system.js';

// A session's variables live across cases: the per-test leak check and handle
// tracking of test/setup.ts give way to a per-file check below.
(globalThis as { QWASM_LEAK_CHECK?: boolean }).QWASM_LEAK_CHECK = false;
beforeEach(() => trackHandles(false));

function resetSession(): void {
  reset();
  qsystem('P 7');
  qsystem('c 25 80');
}

interface Case { expr: string; expected: string; line: number }

function parseTranscript(text: string): Case[] {
  const cases: Case[] = [];
  let cur: Case | undefined;
  let out: string[] = [];
  const lines = text.split('\n');
  const flush = () => {
    if (cur) {
      while (out.length && out[out.length - 1] === '') out.pop();
      cur.expected = out.join('\n');
      cases.push(cur);
    }
    out = [];
  };
  lines.forEach((l, i) => {
    if (l.startsWith('q)')) { flush(); cur = { expr: l.slice(2), expected: '', line: i + 1 }; return; }
    if (!cur) return;
    if (l.startsWith('/ ') || l === '/' || l === '') return; // comments and blank lines between cases
    out.push(l);
  });
  flush();
  return cases;
}

/** What the console prints for one input: output written by show, 0N! and -1
 *  first, then the value; an error as its q error line. */
function consoleText(expr: string): string {
  let printed = '';
  setOutput((s) => { printed += s; });
  const lines = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
  try {
    const value = consoleEval(expr) ?? ''; // evaluate first: what it prints comes before its value
    return [...lines(printed), ...lines(value)].join('\n');
  } catch (e) {
    return [...lines(printed), errorText(e)].join('\n');
  }
}

const dir = new URL('../q/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.q.txt')).sort();
const known = new Set(
  readFileSync(new URL('known-failures.txt', dir), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')),
);
const seen = new Set<string>();

for (const file of files) {
  const cases = parseTranscript(readFileSync(new URL(file, dir), 'utf8'));
  describe(file, () => {
    let blocks = 0;
    beforeAll(() => { resetSession(); blocks = q.memory().blocks; });
    afterAll(() => {
      resetSession();
      expect(q.memory().blocks, `${file}: engine blocks leaked`).toBe(blocks);
    });
    for (const c of cases) {
      const id = `${file}: ${c.expr}`;
      const expected = c.expected.startsWith("'") ? c.expected.split('\n')[0] : c.expected;
      if (known.has(id)) {
        seen.add(id);
        it(`[known failure] ${c.line}: ${c.expr}`, () => {
          expect(consoleText(c.expr), 'this case passes now: remove it from known-failures.txt').not.toBe(expected);
        });
      } else {
        it(`${c.line}: ${c.expr}`, () => {
          expect(consoleText(c.expr)).toBe(expected);
        });
      }
    }
  });
}

describe('known-failures.txt', () => {
  it('names only cases that exist', () => {
    expect([...known].filter((k) => !seen.has(k))).toEqual([]);
  });
});
