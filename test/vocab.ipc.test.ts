// Internal functions and handle application that reach IPC: -25! broadcast, and
// an int applied to a value going to a connection only when it is an open handle.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { q } from '../src/index.js';
import { connect } from '../src/ipc/index.js';
import { globals } from '../src/lang/eval.js';
import { childServer } from './ipc/child-server.js';

const PORT = 21000 + (process.pid % 20000);
let child: ChildProcess;

beforeAll(async () => { child = await childServer(PORT); }, 20000);
afterAll(() => { child.kill(); });

describe('-25!(handles;msg) and h x', () => {
  it('sends to every open handle, or to none when one is not a handle', () => {
    try {
      q(`h:hopen \`::${PORT}`).dispose();
      q(`g:hopen \`::${PORT}`).dispose();
      expect(q('-25!(h,g;"a25::42")').toString()).toBe('::');
      expect(q('h "a25"').toString()).toBe('42');
      expect(() => q('-25!(h,99i;"a25::1")')).toThrow('99 is not an ipc handle');
      expect(q('h "a25"').toString()).toBe('42');
      expect(q('-25!(h;::)').toString()).toBe('::');
      expect(q('h "1+1"').toString()).toBe('2');
      expect(q('(neg h) 0Ng').toString()).toBe('::');
      expect(() => q('(neg h+100) 0Ng')).toThrow('type');
      expect(() => q('(h+100) "1+1"')).toThrow('Cannot write to handle');
    } finally {
      q('hclose h; hclose g').dispose();
      for (const n of ['h', 'g']) { globals.get(n)?.dispose(); globals.delete(n); }
    }
  }, 20000);
});
