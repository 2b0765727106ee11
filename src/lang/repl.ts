// The q console: an interactive `q)` prompt on a TTY, a line evaluator on a pipe,
// and a script runner. All three drive a `Console` — one function from a
// complete input to the text q would print — so they are testable without the
// engine.

import { isOpen } from './parser.js';

export interface Console {
  /**
   * Evaluate one complete input (a q expression, possibly spanning lines, or a
   * `\` system command). Return the text the kdb+ console prints for it — ''
   * or null when it prints nothing (assignment, trailing `;`, `::`). Throw an
   * Error whose message is the q error name on failure.
   */
  evaluate(text: string): string | null;
  /** The prompt, `q)` or `q.ns)` inside a namespace (TTY only). */
  prompt?(): string;
}

/** Raised by the console's evaluate for `\\` and `exit`: leave the session. */
export class ExitRequest extends Error {
  constructor(readonly code = 0) {
    super('exit');
    this.name = 'ExitRequest';
  }
}

/** Text q prints for an error. */
export function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return "'" + (msg || 'error');
}

/** Evaluate one input, returning the text to print ('' for nothing). Exit requests pass through. */
export function step(con: Console, text: string): string {
  try {
    const out = con.evaluate(text);
    if (out === null || out === '') return '';
    return out.endsWith('\n') ? out : out + '\n';
  } catch (e) {
    if (e instanceof ExitRequest) throw e;
    return errorText(e) + '\n';
  }
}

/**
 * A line assembler with q's console rules: a line that leaves a lambda,
 * bracket, parenthesis or string open is joined with the following lines.
 */
export class LineBuffer {
  private pending: string[] = [];
  private block = false;
  /** Feed one line; returns a complete input when one is ready. */
  push(line: string): string | null {
    const t = line.trimEnd();
    if (this.block) { if (t === '\\') this.block = false; return null; }
    if (this.pending.length === 0) {
      if (t === '') return null;
      // a lone / opens a comment block up to a lone \ ; a lone \ (k mode in q) is ignored
      if (t === '/') { this.block = true; return null; }
      if (t === '\\') return null;
    }
    this.pending.push(line);
    const text = this.pending.join('\n');
    // system commands are single lines
    if (this.pending.length === 1 && line.startsWith('\\')) { this.pending = []; return text; }
    if (isOpen(text)) return null;
    this.pending = [];
    return text;
  }
  /** Whatever is left at end of input. */
  flush(): string | null {
    const text = this.pending.join('\n');
    this.pending = [];
    return text.trim() === '' ? null : text;
  }
  get continuing(): boolean { return this.pending.length > 0; }
}

/**
 * Pipe mode: evaluate every input read from `lines`, writing what the kdb+
 * console prints — no prompt, no banner — and carrying on after errors.
 * Returns the exit code.
 */
export async function runPipe(con: Console, lines: AsyncIterable<string> | Iterable<string>, write: (s: string) => void): Promise<number> {
  const buf = new LineBuffer();
  try {
    for await (const line of lines) {
      if (line === '\\\\') return 0;
      const text = buf.push(line);
      if (text !== null) write(step(con, text));
    }
    const rest = buf.flush();
    if (rest !== null) write(step(con, rest));
  } catch (e) {
    if (e instanceof ExitRequest) return e.code;
    throw e;
  }
  return 0;
}

/** Synchronous pipe mode over a whole input text: returns everything printed. */
export function runText(con: Console, input: string): string {
  let out = '';
  const buf = new LineBuffer();
  try {
    for (const line of input.split(/\r?\n/)) {
      if (line === '\\\\') return out;
      const text = buf.push(line);
      if (text !== null) out += step(con, text);
    }
    const rest = buf.flush();
    if (rest !== null) out += step(con, rest);
  } catch (e) {
    if (!(e instanceof ExitRequest)) throw e;
  }
  return out;
}

/**
 * Split a script into inputs, as q loads one: a line starting with a blank
 * continues the previous input; `/` lines and `/`…`\` blocks are comments; a
 * lone `\` ends the script; `\` lines are system commands.
 */
export function splitScript(text: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let block = false;
  const end = () => { if (cur.length) out.push(cur.join('\n')); cur = []; };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw;
    const t = line.trimEnd();
    if (block) { if (t === '\\') block = false; continue; }
    if (t === '/') { block = true; continue; }
    if (t === '\\') break;
    if (t === '') continue;
    if (line.startsWith('/')) continue;
    if ((line[0] === ' ' || line[0] === '\t') && cur.length) {
      // continuation: but a lone comment line adds nothing
      if (line.trimStart().startsWith('/')) continue;
      cur.push(line);
      continue;
    }
    if ((line[0] === ' ' || line[0] === '\t') && !cur.length) {
      if (line.trimStart().startsWith('/')) continue;
    }
    end();
    cur.push(line);
  }
  end();
  return out;
}

/**
 * Run a script: inputs are evaluated silently (as q loads a script); the first
 * error stops it and is reported. Returns the error text, or null when it ran
 * through.
 */
export function runScript(con: Console, text: string, write: (s: string) => void): string | null {
  for (const input of splitScript(text)) {
    try {
      con.evaluate(input);
    } catch (e) {
      if (e instanceof ExitRequest) throw e;
      const msg = errorText(e);
      write(msg + '\n');
      return msg;
    }
  }
  return null;
}

/**
 * Interactive console on a TTY: `q)` prompt, history, `\\` or Ctrl-D to leave.
 * `rl` is a node:readline Interface (passed in so this file stays
 * browser-safe).
 */
export function runRepl(
  con: Console,
  rl: { setPrompt(p: string): void; prompt(): void; on(ev: string, f: (...a: any[]) => void): unknown; close(): void },
  write: (s: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const buf = new LineBuffer();
    let code = 0;
    const main = () => con.prompt?.() ?? 'q)';
    rl.setPrompt(main());
    rl.on('line', (line: string) => {
      if (!buf.continuing && line.trim() === '\\\\') { rl.close(); return; }
      try {
        const text = buf.push(line);
        if (text !== null) write(step(con, text));
      } catch (e) {
        if (e instanceof ExitRequest) { code = e.code; rl.close(); return; }
        write(errorText(e) + '\n');
      }
      rl.setPrompt(buf.continuing ? '  ' : main());
      rl.prompt();
    });
    // Ctrl-C abandons the input being typed, as q does
    rl.on('SIGINT', () => { buf.flush(); write('\n'); rl.setPrompt(main()); rl.prompt(); });
    rl.on('close', () => resolve(code));
    rl.prompt();
  });
}
