// The language layer raises q errors through this one function.

import { QError } from '../errors.js';

/** A q error: the message is the q error name (`parse`, `type`, …). */
export function qerr(name: string): QError {
  return new QError(name);
}
