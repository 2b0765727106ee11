// kdb+ IPC in q: the internal functions -8! -9! -18! -22! (registered with the
// evaluator's hook), and the JS entry points re-exported for the `q` namespace.

import { INTERNALS } from '../lang/internals.js';
import { QError } from '../errors.js';
import { serializeK, deserializeK, serializedLength } from './codec.js';
import { longAtom } from '../lang/values.js';

INTERNALS.set(-8, (x) => serializeK(x));
INTERNALS.set(-9, (x) => {
  if (x.type !== 4) throw new QError('type');
  return deserializeK(x);
});
INTERNALS.set(-18, (x) => serializeK(x, { compress: true }));
INTERNALS.set(-22, (x) => longAtom(serializedLength(x)));

export * from './codec.js';
export { connect, Connection, type ConnectOptions } from './client.js';
export { listen, type ListenOptions, type Server } from './server.js';
export { whenListening } from './qhandles.js';
import './qhandles.js';
export { connectWebSocket, WebSocketConnection, type WebSocketOptions } from './wsclient.js';
