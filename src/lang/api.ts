// The q language as the JS `q` namespace calls it: evaluate, apply text to
// arguments, the tagged template, and the global variables both ways. The
// primitives live below it (src/q.ts imports this module, not lang/index, which
// loads q.ts: so neither imports the other in a circle).

import { K } from '../k.js';
import { from } from '../construct.js';
import { parse, SPLICE } from './parser.js';
import { evaluate as evalText, ev, guarded, apply, setVar as setV, getVar as getV, state } from './eval.js';
import './compile.js'; // installs the closure compiler for lambda bodies and top-level loops
import './system.js'; // installs the system commands (\t \l …)

export function toK(v: unknown): { k: K; owned: boolean } {
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

