// System commands: `\P \c \t \ts \v \a \f \d \l \\` (also reachable as `system "…"`).
// Returns the value the command yields, or null when it yields nothing.

import { K } from '../k.js';
import { displaySettings, setPrecision, setConsole } from '../display.js';
import { memoryStats } from '../runtime.js';
import * as V from './values.js';
import { qerr } from './error.js';
import { lookup } from '../ops/registry.js';
import { globals, state, evaluate, ExitSignal, setScriptName, systemCommands } from './eval.js';
import { splitScript } from './repl.js';
import { systemHooks } from './internals.js';

interface NodeFs { readFileSync(p: string, enc: string): string; existsSync(p: string): boolean }

function fs(): NodeFs {
  const g = globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } };
  const m = g.process?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (!m) throw qerr('nyi');
  return m;
}

function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

/** Names of globals in a namespace ('' = root), optionally filtered by a type test. */
function namesIn(ns: string, keep: (k: K) => boolean): string[] {
  const out: string[] = [];
  const prefix = ns ? ns + '.' : '';
  for (const [name, v] of globals) {
    if (prefix ? !name.startsWith(prefix) : name.startsWith('.')) continue;
    const rest = name.slice(prefix.length);
    if (rest.includes('.')) continue;
    if (keep(v)) out.push(rest);
  }
  return out.sort();
}

/** Run a q script text silently, statement by statement; stops at the first error. */
export function loadScript(text: string): void {
  for (const input of splitScript(text)) {
    if (input.startsWith('\\')) {
      const r = system(input.slice(1));
      r?.dispose();
      continue;
    }
    evaluate(input).dispose();
  }
}

export function system(cmd: string): K | null {
  const m = /^(\S*)\s*([\s\S]*)$/.exec(cmd.trim())!;
  let [, c, arg] = m;
  arg = arg.trim();
  // \t:n and \ts:n repeat counts
  const rep = /^(ts?):(\d+)$/.exec(c);
  let times = 1;
  if (rep) { c = rep[1]; times = Number(rep[2]); }
  switch (c) {
    case '': return null;
    case '\\': throw new ExitSignal(0);
    case 'P': {
      if (!arg) return V.intAtom(displaySettings.precision);
      if (!/^-?\d+$/.test(arg)) throw qerr('type');
      setPrecision(Number(arg));
      return null;
    }
    case 'c': {
      if (!arg) return V.longVec([displaySettings.rows, displaySettings.cols]);
      const parts = arg.split(/\s+/);
      if (parts.some((x) => !/^-?\d+$/.test(x))) throw qerr('type');
      if (parts.length !== 2) throw qerr('length');
      setConsole(Number(parts[0]), Number(parts[1]));
      return null;
    }
    case 't': case 'ts': {
      // \t alone shows the timer interval (no timer here: 0); \t N would set it
      if (!arg && c === 't') return V.longAtom(0);
      if (!arg) throw qerr('nyi');
      if (c === 't' && !rep && /^\d+$/.test(arg)) {
        if (Number(arg) === 0) return null;
        throw qerr('nyi');
      }
      const before = memoryStats().used;
      let peak = 0;
      const t0 = now();
      for (let i = 0; i < times; i++) {
        const r = evaluate(arg);
        peak = Math.max(peak, memoryStats().used - before);
        r.dispose();
      }
      const ms = Math.round(now() - t0);
      if (c === 't') return V.longAtom(ms);
      return V.longVec([ms, Math.max(0, peak)]);
    }
    case 'v': return V.symVec(namesIn(arg || state.ns, (k) => k.type < 100));
    case 'f': return V.symVec(namesIn(arg || state.ns, (k) => k.type >= 100 && k.type !== 101));
    case 'a': return V.symVec(namesIn(arg || state.ns, (k) => k.type === 98));
    case 'x': {
      // expunge a callback (.z.pi, .z.pg, .z.vs …), restoring the default of none (basics/syscmds.md)
      if (!/^\.z\.[a-z]+$/.test(arg)) throw qerr('domain');
      const old = globals.get(arg);
      if (old) { globals.delete(arg); old.dispose(); }
      return null;
    }
    case 'd': {
      if (!arg) return V.symAtom(state.ns || '.');
      if (arg === '.') { state.ns = ''; return null; }
      if (!/^\.[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(arg)) throw qerr('domain');
      state.ns = arg;
      return null;
    }
    case 'l': {
      // a directory is a database: the files layer loads it (\l alone reloads it)
      const loadDir = lookup('\\l')?.monad;
      if (!arg && !loadDir) throw qerr('domain');
      if (loadDir) {
        const path = V.charVec(arg);
        try { const r = loadDir(path); const done = V.intValue(r) === 1; r.dispose(); if (done) return null; } finally { path.dispose(); }
      }
      const f = fs();
      if (!f.existsSync(arg)) throw qerr(arg);
      const text = f.readFileSync(arg, 'utf8');
      const prevNs = state.ns;
      setScriptName(arg);
      try { loadScript(text); } finally { state.ns = prevNs; }
      return null;
    }
  }
  const hook = systemHooks[c];
  if (hook) return hook(arg);
  throw qerr('nyi');
}

systemCommands.run = system;
