// q errors in JS. The message is the q error name, exactly as q signals it.

export class QError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QError';
  }
}

/** Engine error codes (assembly/shared/types.ts) to q error names. */
const CODES = ['', 'wsfull', 'type', 'length', 'domain', 'rank', 'nyi', 'limit', 'index', 'stop'];

export function engineError(code: number): QError {
  return new QError(CODES[code] || 'engine');
}
