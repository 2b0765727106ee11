// The JS q-sql API (PyKX's qsql as the model) and q-sql through q() and the
// tagged template: the same executor as the q text, the same results.
import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';

const T = () => q.table({ sym: ['a', 'b', 'a', 'c'], px: [1.5, 2.5, 3.5, 4.5], qty: new BigInt64Array([10n, 20n, 30n, 40n]) });
const same = (a: K, b: K) => expect(q.match(a, b).toJS()).toBe(true);

describe('q.select', () => {
  it('all rows, columns, where, by', () => {
    const t = T();
    same(q.select(t), t);
    same(q.select(t, { columns: ['px'] }), q('{select px from x}', t));
    same(q.select(t, { columns: { p: 'px*2' }, where: 'px>2' }), q('{select p:px*2 from x where px>2}', t));
    same(q.select(t, { columns: { s: 'sum qty' }, by: ['sym'] }), q('{select s:sum qty by sym from x}', t));
    same(q.select(t, { columns: { s: 'sum qty' }, by: { g: 'px>2' } }), q('{select s:sum qty by g:px>2 from x}', t));
    same(q.select(t, { where: ['px>2', 'qty<40'] }), q('{select from x where px>2,qty<40}', t));
    same(q.select(t, { columns: ['sym'], distinct: true }), q('{select distinct sym from x}', t));
  });
  it('unnamed columns are named as q names them', () => {
    expect(q.select(T(), { columns: ['sum qty', 'sym', 'sym', '2*px'] }).columns).toEqual(['qty', 'sym', 'sym1', 'x']);
  });
  it('a K value is a parse tree', () => {
    const t = T();
    const where = q('enlist (>;`px;2)');
    same(q.select(t, { where }), q('{select from x where px>2}', t));
  });
  it('by name', () => {
    q.set('qsqlapi_t', T());
    try {
      expect(q.select('qsqlapi_t', { where: 'px>4' }).count).toBe(1);
    } finally { q('delete qsqlapi_t from `.').dispose(); }
  });
});

describe('q.exec', () => {
  it('one column is its value; several a dictionary; by gives a dictionary', () => {
    const t = T();
    expect(q.exec(t, { columns: 'px' }).toJS()).toEqual([1.5, 2.5, 3.5, 4.5]);
    same(q.exec(t, { columns: ['px', 'sym'] }), q('{exec px,sym from x}', t));
    same(q.exec(t, { columns: 'sum qty', by: 'sym' }), q('{exec sum qty by sym from x}', t));
    expect(q.exec(t, { columns: 'count i', where: 'sym=`a' }).toJS()).toBe(2);
  });
});

describe('q.update and q.delete', () => {
  it('by value', () => {
    const t = T();
    same(q.update(t, { columns: { px: 'px*2' }, where: 'sym=`a' }), q('{update px:px*2 from x where sym=`a}', t));
    same(q.update(t, { columns: { m: 'max px' }, by: ['sym'] }), q('{update m:max px by sym from x}', t));
    same(q.delete(t, { where: 'px>2' }), q('{delete from x where px>2}', t));
    expect(q.delete(t, { columns: ['px', 'qty'] }).columns).toEqual(['sym']);
    expect(T().toJS()).toEqual(t.toJS());
  });
  it('by name amends the global and returns its name', () => {
    q.set('qsqlapi_u', T());
    try {
      expect(q.update('qsqlapi_u', { columns: { qty: 'qty+1' } }).toJS()).toBe('qsqlapi_u');
      expect(q('exec qty from qsqlapi_u').toJS()).toEqual([11, 21, 31, 41]);
      q.delete('qsqlapi_u', { where: 'qty>20' }).dispose();
      expect(q('count qsqlapi_u').toJS()).toBe(1);
    } finally { q('delete qsqlapi_u from `.').dispose(); }
  });
  it('errors: the name of an unknown column, and the table unchanged', () => {
    const t = T();
    expect(() => q.select(t, { columns: ['nosuch'] })).toThrow('nosuch');
    expect(() => q.update(t, { columns: { qty: '`x' }, where: 'px>2' })).toThrow('type');
    expect(() => q.update(t, { columns: { qty: '1 2' } })).toThrow('length');
    same(t, T());
  });
});

describe('q() and the tagged template', () => {
  it('splices tables and values, symbols as constants', () => {
    const t = T();
    const lim = K.from(2);
    expect(q`select from ${t} where px>${lim}`.count).toBe(3);
    const s = q('`a');
    expect(q`exec qty from ${t} where sym=${s}`.toJS()).toEqual([10, 30]);
    const ss = q('`a`c');
    expect(q`exec qty from ${t} where sym in ${ss}`.toJS()).toEqual([10, 30, 40]);
  });
  it('inside a lambda, phrases see its parameters', () => {
    const t = T();
    expect(q('{[t;lim] exec sym from t where px>lim}', t, 3).toJS()).toEqual(['a', 'c']);
    expect(q('{[t;s] select sum qty by sym from t where sym in s}', t, q('`a`b')).count).toBe(2);
  });
  it('parse gives the functional form and eval runs it', () => {
    const t = T();
    q.set('qsqlapi_v', t);
    try {
      expect(q('parse "select sum qty by sym from qsqlapi_v where px>2"').toString()).toBe('(?;`qsqlapi_v;,,(>;`px;2);(,`sym)!,`sym;(,`qty)!,(sum;`qty))');
      same(q('eval parse "select sum qty by sym from qsqlapi_v where px>2"'), q('select sum qty by sym from qsqlapi_v where px>2'));
    } finally { q('delete qsqlapi_v from `.').dispose(); }
  });
});

describe('q-sql API on a dictionary (one record)', () => {
  it('select, exec and update read its entries as names', () => {
    const d = q('`a`b!(1 2 3;4 5 6)');
    same(q.select(d), d);
    same(q.select(d, { columns: { s: 'sum a' }, where: 'b>4' }), q('(enlist`s)!enlist 5'));
    same(q.select(d, { columns: ['a'], where: 'b>4' }), q('(enlist`a)!enlist 2 3'));
    same(q.exec(d, { columns: 'a+b' }), q('5 7 9'));
    same(q.update(d, { columns: { c: 'a*b' } }), q('`a`b`c!(1 2 3;4 5 6;4 10 18)'));
    expect(() => q.select(d, { columns: { s: 'sum a' }, by: ['b'] })).toThrow('type');
  });
});
