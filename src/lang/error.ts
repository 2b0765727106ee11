// The language layer raises q errors through this one function, so that the
// lexer and parser stay independent of the engine.

export class LangError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QError';
  }
}

/** A q error: the message is the q error name (`parse`, `type`, …). */
export function qerr(name: string): Error {
  return new LangError(name);
}
