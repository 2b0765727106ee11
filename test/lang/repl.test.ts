import { describe, expect, test } from 'vitest';
import { runText, runPipe, splitScript, runScript, LineBuffer, ExitRequest, type Console } from '../../src/lang/repl.js';

/** A fake console: echoes inputs, prints nothing for assignments and trailing `;`. */
function fake(): Console & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    evaluate(text: string) {
      seen.push(text);
      if (text === 'boom') throw new Error('type');
      if (text === 'exit 0') throw new ExitRequest(0);
      if (text.endsWith(';') || /^[a-z]+:/.test(text)) return null;
      return `<${text}>`;
    },
  };
}

describe('pipe mode', () => {
  test('prints each result, nothing for assignments, errors as names, carries on', () => {
    const con = fake();
    expect(runText(con, '1+1\na:2\nboom\na;\n3')).toBe('<1+1>\n\'type\n<3>\n');
  });
  test('joins continuation lines of an open lambda or bracket', () => {
    const con = fake();
    expect(runText(con, 'f:{x+\n  y}\nf[1;\n 2]\n')).toBe('<f[1;\n 2]>\n');
    expect(con.seen).toEqual(['f:{x+\n  y}', 'f[1;\n 2]']);
  });
  test('\\\\ ends input', () => expect(runText(fake(), '1\n\\\\\n2')).toBe('<1>\n'));
  test('exit ends input', () => expect(runText(fake(), '1\nexit 0\n2')).toBe('<1>\n'));
  test('blank lines are ignored', () => expect(runText(fake(), '\n\n1\n')).toBe('<1>\n'));
  test('system commands are single lines', () => {
    const con = fake();
    runText(con, '\\t {x\n1');
    expect(con.seen).toEqual(['\\t {x', '1']);
  });
  test('async lines', async () => {
    let out = '';
    async function* lines() { yield '1'; yield 'boom'; yield '2'; }
    const code = await runPipe(fake(), lines(), (s) => { out += s; });
    expect(code).toBe(0);
    expect(out).toBe("<1>\n'type\n<2>\n");
  });
});

describe('scripts', () => {
  test('continuation lines, comments, blocks, exit', () => {
    const text = [
      '/ a comment', 'f:{[a]', '  a+1', '  }', 'x:1 / trailing', '/', 'block', '\\', 'g:2', '\\l other.q', '\\', 'not run',
    ].join('\n');
    expect(splitScript(text)).toEqual(['f:{[a]\n  a+1\n  }', 'x:1 / trailing', 'g:2', '\\l other.q']);
  });
  test('runs silently and stops at the first error', () => {
    const con = fake();
    let out = '';
    expect(runScript(con, '1\nboom\n2', (s) => { out += s; })).toBe("'type");
    expect(out).toBe("'type\n");
    expect(con.seen).toEqual(['1', 'boom']);
  });
});

describe('LineBuffer', () => {
  test('continuing', () => {
    const b = new LineBuffer();
    expect(b.push('{x')).toBeNull();
    expect(b.continuing).toBe(true);
    expect(b.push('}')).toBe('{x\n}');
    expect(b.continuing).toBe(false);
  });
});
