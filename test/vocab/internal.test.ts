// -26! (TLS settings), -36! (master key for encryption at rest) and -38! (socket
// table): the internal functions that reach Node's OpenSSL, key files and the
// IPC handle registry.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { globals } from '../../src/lang/eval.js';
import { childServer } from '../ipc/child-server.js';

const PORT = 23000 + (process.pid % 20000);
let child: ChildProcess;

beforeAll(async () => { child = await childServer(PORT); }, 20000);
afterAll(() => { child.kill(); });

const text = (src: string): string => { const r = q(src); try { return r.show().split('\n').map((l) => l.trimEnd()).join('\n'); } finally { r.dispose(); } };

describe('-38! socket table', () => {
  it('is a dictionary for one handle and a table for a list, from the open handles', () => {
    try {
      q(`h:hopen ${PORT}`).dispose();
      expect(text('-38!h')).toBe('p| "q"\nf| "t"\nz| 0b\nn| 0\nm| 0');
      expect(text('type -38!h')).toBe('99h');
      expect(text('-38!h,h')).toBe('p f z n m\n---------\nq t 0 0 0\nq t 0 0 0');
      expect(text('{([]h)!-38!h:x}enlist h')).toMatch(/^h\| p f z n m\n-\| ---------\n\d+\| q t 0 0 0$/);
      expect(text('meta -38!enlist h')).toBe('c| t f a\n-| -----\np| c\nf| c\nz| b\nn| j\nm| j');
      expect(() => q('-38!h+100')).toThrow(/^\d+$/);
      expect(() => q('-38!`a')).toThrow('type');
      // a connection without TLS: -26! shows an empty dictionary, as .z.e does there
      expect(text('-26!h')).toBe(text('()!()'));
      expect(text('(count;type)@\\:-26!h')).toBe('0\n99h');
    } finally {
      q('hclose h').dispose();
      globals.get('h')?.dispose(); globals.delete('h');
    }
  }, 20000);
  it('is an empty table of the same columns for no handles', () => {
    expect(text('-38!0#0i')).toBe('p f z n m\n---------');
    expect(text('meta -38!()')).toBe('c| t f a\n-| -----\np| c\nf| c\nz| b\nn| j\nm| j');
  });
});

describe('-26! TLS settings', () => {
  it('names OpenSSL and the settings kdb+ reads from the environment', () => {
    expect(text('(key -26!())~`SSLEAY_VERSION`SSL_CERT_FILE`SSL_CA_CERT_FILE`SSL_CA_CERT_PATH`SSL_KEY_FILE`SSL_CIPHER_LIST`SSL_VERIFY_CLIENT`SSL_VERIFY_SERVER')).toBe('1b');
    expect(text('type value (-26!)[]')).toBe('11h');
    expect(text('string (-26!)[]`SSLEAY_VERSION')).toBe('"OpenSSL ' + process.versions.openssl + '"');
    expect(() => q('-26!`a')).toThrow('type');
  });
  it('prefers the KX_ variable, then the plain one, then the default', () => {
    const saved = { a: process.env.KX_SSL_VERIFY_SERVER, b: process.env.SSL_VERIFY_SERVER, c: process.env.SSL_VERIFY_CLIENT, d: process.env.KX_SSL_VERIFY_CLIENT };
    try {
      delete process.env.KX_SSL_VERIFY_CLIENT; delete process.env.SSL_VERIFY_CLIENT;
      expect(text('(-26!)[]`SSL_VERIFY_CLIENT')).toBe('`NO');
      process.env.SSL_VERIFY_SERVER = 'NO';
      delete process.env.KX_SSL_VERIFY_SERVER;
      expect(text('(-26!)[]`SSL_VERIFY_SERVER')).toBe('`NO');
      process.env.KX_SSL_VERIFY_SERVER = 'YES';
      expect(text('(-26!)[]`SSL_VERIFY_SERVER')).toBe('`YES');
    } finally {
      for (const [k, v] of [['KX_SSL_VERIFY_SERVER', saved.a], ['SSL_VERIFY_SERVER', saved.b], ['SSL_VERIFY_CLIENT', saved.c], ['KX_SSL_VERIFY_CLIENT', saved.d]] as const) {
        if (v === undefined) delete process.env[k]; else process.env[k] = v;
      }
    }
  });
});

describe('-36! master key', () => {
  it('loads a key file openssl wrote and says so; wrong passwords and formats fail as kdb+ names them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-kek-'));
    const rel = dir;
    try {
      writeFileSync(join(dir, 'raw'), Buffer.alloc(32, 7));
      execFileSync('openssl', ['enc', '-aes-256-cbc', '-md', 'SHA256', '-salt', '-pbkdf2', '-iter', '50000',
        '-in', join(dir, 'raw'), '-out', join(dir, 'kek.key'), '-pass', 'pass:mypassword']);
      execFileSync('openssl', ['enc', '-aes-256-cbc', '-md', 'SHA256', '-salt', '-pbkdf2', '-iter', '1000',
        '-in', join(dir, 'raw'), '-out', join(dir, 'k1000.key'), '-pass', 'pass:mypassword']);
      expect(text('-36!(::)')).toBe('0b');
      expect(() => q(`-36!(\`:${rel}/kek.key;"wrong")`)).toThrow('invalid password');
      expect(() => q(`-36!(\`:${rel}/k1000.key;"mypassword")`)).toThrow('invalid password');
      expect(() => q(`-36!(\`:${rel}/raw;"mypassword")`)).toThrow('unrecognized key format');
      expect(() => q(`-36!(\`:${rel}/none;"mypassword")`)).toThrow('No such file or directory');
      expect(() => q(`-36!(\`kek;"mypassword")`)).toThrow("type");
      expect(() => q(`-36!(\`:${rel}/kek.key;\`mypassword)`)).toThrow('type');
      expect(text('-36!(::)')).toBe('0b');
      expect(text(`-36!(\`:${rel}/kek.key;"mypassword")`)).toBe('::');
      expect(text('-36!(::)')).toBe('1b');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 20000);
});

describe('without Node (a browser has no synchronous OpenSSL)', () => {
  it('-26! and -36! answer kdb+\'s error for a missing OpenSSL; -36!(::) still answers', () => {
    const p = process as { getBuiltinModule?: unknown };
    const saved = p.getBuiltinModule;
    p.getBuiltinModule = undefined;
    try {
      expect(() => q('-26!()')).toThrow('encryption lib unavailable');
      expect(() => q('-36!(`:kek;"pwd")')).toThrow('encryption lib unavailable');
      expect(text('type -36!(::)')).toBe('-1h');
    } finally { p.getBuiltinModule = saved; }
  });
});
