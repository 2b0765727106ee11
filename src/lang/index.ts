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
import { from } from '../convert.js';
import { parse, SPLICE } from './parser.js';
import {
  evaluate as evalText, ev, guarded, silent, apply, setVar as setV, getVar as getV, state, setOutput,
  ExitSignal, setScriptName, errName, globals,
} from './eval.js';
import { system, loadScript } from './system.js';
import './compile.js'; // installs the closure compiler for lambda bodies and top-level loops
import { ExitRequest, type Console } from './repl.js';
import * as V from './values.js';

export { each, over, scan, prior, eachLeft, eachRight } from '../adverbs.js';
export { runPipe, runRepl, runText, runScript, splitScript, LineBuffer, ExitRequest, errorText } from './repl.js';
export type { Console } from './repl.js';
export { parse } from './parser.js';
export { lex } from './lexer.js';
export { setOutput };
export { setInterruptCheck } from '../interrupt.js';

function toK(v: unknown): { k: K; owned: boolean } {
  if (v instanceof K) return { k: v, owned: false };
  return { k: from(v), owned: true };
}

/** The value of q text. */
export function evaluate(text: string): K {
  return evalText(text);
}

/** Apply the function (or index the value) that `text` denotes to JS/K arguments. */
export function run(text: string, ...args: unknown[]): K {
  if (args.length === 0) return evaluate(text);
  const f = evaluate(text);
  const ks = args.map(toK);
  try {
    return guarded(() => apply(f, ks.map((a) => a.k)));
  } finally {
    f.dispose();
    ks.forEach((a) => { if (a.owned) a.k.dispose(); });
  }
}

/** Tagged template: q`${x} wavg ${y}` — each ${} is one K value in the expression. */
export function template(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): K {
  let text = strings[0];
  for (let i = 0; i < values.length; i++) text += ` ${SPLICE}${i}${SPLICE} ` + strings[i + 1];
  const ks = values.map(toK);
  let node: ReturnType<typeof parse>;
  try { node = guarded(() => parse(text)); } catch (e) { ks.forEach((a) => { if (a.owned) a.k.dispose(); }); throw e; }
  state.splices.push(ks.map((a) => a.k));
  try {
    return guarded(() => ev(node, null));
  } finally {
    state.splices.pop();
    ks.forEach((a) => { if (a.owned) a.k.dispose(); });
  }
}

/**
 * The `q` function itself: q(text) evaluates, q(text, ...args) applies what
 * text denotes to the arguments, q`…${v}…` splices values. (src/q.ts wires it.)
 */
export function call(text: string | TemplateStringsArray, ...args: unknown[]): K {
  if (typeof text === 'string') return args.length ? run(text, ...args) : evaluate(text);
  return template(text, ...args);
}

/** q.set: a global variable takes a reference to k (or K.from of a JS value). */
export function setVar(name: string, v: unknown): void {
  const { k, owned } = toK(v);
  try { setV(name, k); } finally { if (owned) k.dispose(); }
}

/** q.get: a new K for a global variable's value; 'name when undefined. */
export function getVar(name: string): K {
  return getV(name);
}

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
  V.sweep();
  state.ns = '';
  state.depth = 0;
}

/** Absolute names of all global variables (a worker's checkpoint walks them). */
export function globalNames(): string[] {
  return [...globals.keys()];
}
