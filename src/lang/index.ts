// The q language, as the JS API and the console use it.
//
//   evaluate(text)              q(text): the value of q text (a new K)
//   run(text, ...args)          q(text, ...args): apply the function text denotes
//   template(strings, ...vals)  q`…${v}…`: JS values spliced in as K values, never as text
//   setVar(name, k) getVar(name)  q.set / q.get
//   qconsole                    the Console the REPL, pipe mode and scripts drive

import '../q.js'; // the primitives register themselves in the registry on import
import { K } from '../k.js';
import { QError } from '../errors.js';
import { parse } from './parser.js';
import {
  ev, guarded, silent, apply, state, setOutput,
  ExitSignal, setScriptName, errName, globals,
} from './eval.js';
import { system, loadScript } from './system.js';
import { viewHooks } from './internals.js';
import './compile.js'; // installs the closure compiler for lambda bodies and top-level loops
import { ExitRequest, type Console } from './repl.js';
import * as V from './values.js';

export { each, over, scan, prior, eachLeft, eachRight } from '../adverbs.js';
export { runPipe, runRepl, runText, runScript, splitScript, LineBuffer, ExitRequest, errorText } from './repl.js';
export type { Console } from './repl.js';
export { parse } from './parser.js';
export { lex } from './lexer.js';
export { setOutput };
export { setInterruptCheck, getInterruptCheck } from '../interrupt.js';

export { evaluate, run, template, call, setVar, getVar } from './api.js';
import { evaluate } from './api.js';

/** Load and run a q script file (the console's `\l`). */
export function load(path: string): void {
  system('l ' + path);
}

/** Run q script text (silently, as q loads a script). */
export function runScriptText(text: string, name = ''): void {
  if (name) setScriptName(name);
  guarded(() => loadScript(text));
}

/** One complete console input → the text the kdb+ console prints (null for nothing). */
export function consoleEval(text: string): string | null {
  const r = consoleValue(text);
  r.value?.dispose();
  return r.text;
}

/** consoleEval that also hands back the value it printed (a new K, or null
 *  when nothing prints): a page renders it as a grid or chart beside the text. */
export function consoleValue(text: string): { text: string | null; value: K | null } {
  try {
    const trimmed = text.replace(/^\s+/, '');
    if (trimmed.startsWith('\\')) {
      const r = guarded(() => system(trimmed.slice(1)));
      if (!r) return { text: null, value: null };
      try { return { text: show(r), value: r }; } catch (e) { r.dispose(); throw e; }
    }
    const node = parse(text);
    const r = guarded(() => ev(node, null));
    let keep = false;
    try {
      if (silent(node) || V.isNil(r)) return { text: null, value: null };
      const out = show(r);
      keep = true;
      return { text: out, value: r };
    } finally { if (!keep) r.dispose(); V.sweep(); }
  } catch (e) {
    if (e instanceof ExitSignal) throw new ExitRequest(e.code);
    if (e instanceof QError) throw e;
    throw new QError(errName(e));
  }
}

function show(k: K): string {
  return k.show();
}

/** The Console the REPL, pipe mode and script runner drive. */
export const qconsole: Console = {
  evaluate: consoleEval,
  prompt: () => (state.ns ? 'q' + state.ns + ')' : 'q)'),
};

/** Drop every global variable and return to the root namespace (tests, embedding). */
export function reset(): void {
  for (const v of globals.values()) v.dispose();
  globals.clear();
  viewHooks.reset?.();
  V.sweep();
  state.ns = '';
  state.depth = 0;
}

/** Absolute names of all global variables (a worker's checkpoint walks them). */
export function globalNames(): string[] {
  return [...globals.keys()];
}
