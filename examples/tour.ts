// A short tour of the qwasm API: every line prints a real value from the engine.
import { q, K } from '../src/index.js';

const say = (label: string, v: unknown) => console.log(label.padEnd(38), v instanceof K ? String(v) : v);

const x = q.til(10);
say('q.til(10)', x);
say('x.type, x.count', `${x.type} ${x.count}`);
say('x.data (zero-copy BigInt64Array)', x.data);
(x.data as BigInt64Array)[0] = 100n;
say('after x.data[0] = 100n', x);
say('K.float([1.5, null, 3])', K.float([1.5, null, 3]));
say('K.date(new Date("2024-03-15"))', K.date(new Date('2024-03-15')));
say('K.timestamp(...).toJS({raw:true})', K.timestamp(new Date('2024-03-15T12:00:00Z')).toJS({ raw: true }));
say('K.symbol(["ibm","msft"])', K.symbol(['ibm', 'msft']));
say('K.from({a:1, b:[2,3]})', K.from({ a: 1, b: [2, 3] }));
const t = q.table({ sym: ['ibm', 'msft', 'aapl'], px: [101.5, 230.25, 187], qty: [100, 200, 300] });
say('q.table({...})', t);
console.log(t.show());
say('t.toRows()[1]', t.toRows()[1]);
say('q.first(t)', q.first(t));
say('q.null(K.long([1, null, 3]))', q.null(K.long([1, null, 3])));
say('q.memory()', q.memory());
