// -36!(x;y;z): z locks (1b) or unlocks (0b) the master key (basics/internal.md).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { q } from '../../src/index.js';

const text = (s: string): string => { const k = q(s); try { return k.show(); } finally { k.dispose(); } };

describe('-36! lock flag', () => {
  it('a locked key keeps others out until its own file and password unlock it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-kek-lock-'));
    const key = (name: string, fill: number, pwd: string) => {
      writeFileSync(join(dir, name + '.raw'), Buffer.alloc(32, fill));
      execFileSync('openssl', ['enc', '-aes-256-cbc', '-md', 'SHA256', '-salt', '-pbkdf2', '-iter', '50000',
        '-in', join(dir, name + '.raw'), '-out', join(dir, name), '-pass', 'pass:' + pwd]);
      return '`:' + join(dir, name);
    };
    try {
      const a = key('a.key', 1, 'pa'), b = key('b.key', 2, 'pb');
      expect(() => q(`-36!(${a};"pa";1)`)).toThrow('type');
      expect(() => q(`-36!(${a};"wrong";1b)`)).toThrow('invalid password');
      expect(text('-36!(::)')).toBe('0b');
      expect(text(`-36!(${a};"pa";1b)`)).toBe('::');
      expect(text('-36!(::)')).toBe('1b');
      // locked: no load, locking or not
      expect(() => q(`-36!(${b};"pb")`)).toThrow('DARE key locked');
      expect(() => q(`-36!(${b};"pb";1b)`)).toThrow('DARE key locked');
      expect(() => q(`-36!(${a};"pa")`)).toThrow('DARE key locked');
      // another key cannot unlock it; a wrong password neither
      expect(() => q(`-36!(${b};"pb";0b)`)).toThrow('invalid password');
      expect(() => q(`-36!(${a};"pb";0b)`)).toThrow('invalid password');
      expect(text(`-36!(${a};"pa";0b)`)).toBe('::');
      // unlocked: a new key loads, unlocked
      expect(text(`-36!(${b};"pb")`)).toBe('::');
      expect(text(`-36!(${a};"pa")`)).toBe('::');
      expect(text('-36!(::)')).toBe('1b');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 30000);
});
