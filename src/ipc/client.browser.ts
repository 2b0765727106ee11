// client.ts as the browser bundle has it (scripts/build.mjs swaps it in): a page
// cannot open TCP sockets, so connect() is 'nyi there, as it was when the Node
// client was bundled and failed on its first socket call. connectWebSocket
// (wsclient.ts) is the page's client. Leaving the TCP client, its streaming
// reader and writer out keeps the browser bundle inside its size budget.

import { QError } from '../errors.js';
import type { ConnectOptions, Connection as NodeConnection } from './client.js';

export type { ConnectOptions };

/** A TCP connection: none can be made in a page. */
export class Connection {
  private constructor() { throw new QError('nyi'); }
}

export function connect(_opts: ConnectOptions): Promise<NodeConnection> { return Promise.reject(new QError('nyi')); }
