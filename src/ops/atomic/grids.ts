// Result-type grids transcribed from the q reference (ref/add.md, subtract.md,
// multiply.md, divide.md, div.md, mod.md, lesser.md/greater.md, fill.md,
// exp.md (xexp), log.md (xlog), and basics/comparison.md for temporals).
// Row is x's type, column y's; '.' is a 'type error. Parsed once into a
// 20x20 table of vector type codes (0 = 'type).

import { CHAR_CODE } from '../../types.js';

const COLS = [...'bgxhijefcspmdznuvt'];

/** A row's cells, one letter or '.' each; the spaces between them are optional
 *  (scripts/build.mjs squeezes them out of the page bundle). */
const cellsOf = (text: string): string[] => [...text.replace(/\s/g, '')];

function parse(text: string): Int8Array {
  const g = new Int8Array(20 * 20);
  for (const line of text.trim().split('\n')) {
    const [row, rest] = line.split('|');
    const cells = cellsOf(rest);
    const r = CHAR_CODE[row.trim()];
    cells.forEach((c, i) => { if (c !== '.') g[r * 20 + CHAR_CODE[COLS[i]]] = CHAR_CODE[c]; });
  }
  return g;
}

export const ADD = parse(`
b | i . i i i j e f . . p m d z n u v t
g | . . . . . . . . . . . . . . . . . .
x | i . i i i j e f . . p m d z n u v t
h | i . i i i j e f . . p m d z n u v t
i | i . i i i j e f . . p m d z n u v t
j | j . j j j j e f . . p m d z n u v t
e | e . e e e e e f . . p m d z n u v t
f | f . f f f f f f f . f f z z f f f f
c | . . . . . . . f . . p m d z n u v t
s | . . . . . . . . . . . . . . . . . .
p | p . p p p p p f p . n . . . p p p p
m | m . m m m m m f m . . i . . p p p p
d | d . d d d d d z d . . . i . p p p p
z | z . z z z z z z z . . . . f p z z z
n | n . n n n n n f n . p p p p n n n n
u | u . u u u u u f u . p p p z n u v t
v | v . v v v v v f v . p p p z n v v t
t | t . t t t t t f t . p p p z n t t t`);

export const SUB = parse(`
b | i . i i i j e f i . p m d z n u v t
g | . . . . . . . . . . . . . . . . . .
x | i . i i i j e f i . p m d z n u v t
h | i . i i i j e f i . p m d z n u v t
i | i . i i i j e f i . p m d z n u v t
j | j . j j j j e f j . p m d z n u v t
e | e . e e e e e f e . p m d z n u v t
f | f . f f f f f f f . f f z z f f f f
c | . . . . . . . f . . p m d z n u v t
s | . . . . . . . . . . . . . . . . . .
p | p . p p p p p f p . n . . . p p p p
m | m . m m m m m f m . . i . . p p p p
d | d . d d d d d z d . . . i . p p p p
z | z . z z z z z z z . . . . f p z z z
n | n . n n n n n f n . p p p p n n n n
u | u . u u u u u f u . p p p z n u v t
v | v . v v v v v f v . p p p z n v v t
t | t . t t t t t f t . p p p z n t t t`);

export const MUL = parse(`
b | i . i i i j e f . . p m d z n u v t
g | . . . . . . . . . . . . . . . . . .
x | i . i i i j e f . . p m d z n u v t
h | i . i i i j e f . . p m d z n u v t
i | i . i i i j e f . . p m d z n u v t
j | j . j j j j e f . . p m d z n u v t
e | e . e e e e e f . . p m d z n u v t
f | f . f f f f f f f . f f z z f f f f
c | . . . . . . . f . . p m d z n u v t
s | . . . . . . . . . . . . . . . . . .
p | p . p p p p p f p . . . . . . . . .
m | m . m m m m m f m . . . . . . . . .
d | d . d d d d d z d . . . . . . . . .
z | z . z z z z z z z . . . . . . . . .
n | n . n n n n n f n . . . . . . . . .
u | u . u u u u u f u . . . . . . . . .
v | v . v v v v v f v . . . . . . . . .
t | t . t t t t t f t . . . . . . . . .`);

export const DIV = parse(`
b | f . f f f f f f f . f f f f f f f f
g | . . . . . . . . . . . . . . . . . .
x | f . f f f f f f f . f f f f f f f f
h | f . f f f f f f f . f f f f f f f f
i | f . f f f f f f f . f f f f f f f f
j | f . f f f f f f f . f f f f f f f f
e | f . f f f f f f f . f f f f f f f f
f | f . f f f f f f f . f f f f f f f f
c | f . f f f f f f f . f f f f f f f f
s | . . . . . . . . . . . . . . . . . .
p | f . f f f f f f f . f f f f f f f f
m | f . f f f f f f f . f f f f f f f f
d | f . f f f f f f f . f f f f f f f f
z | f . f f f f f f f . f f f f f f f f
n | f . f f f f f f f . f f f f f f f f
u | f . f f f f f f f . f f f f f f f f
v | f . f f f f f f f . f f f f f f f f
t | f . f f f f f f f . f f f f f f f f`);

/** q's `div` keyword */
export const IDIV = parse(`
b| i . i i i i i i i . i i i i i i i i
g| . . . . . . . . . . . . . . . . . .
x| i . i i i i i i i . i i i i i i i i
h| i . i i i i i i i . i i i i i i i i
i| i . i i i i i i i . i i i i i i i i
j| j . j j j j j j j . j j j j j j j j
e| f . f f f f f f f . f f f f f f f f
f| f . f f f f f f f . f f f f f f f f
c| i . i i i i i i i . i i i i i i i i
s| . . . . . . . . . . . . . . . . . .
p| p . p p p p p p p . p p p p p p p p
m| m . m m m m m m m . m m m m m m m m
d| d . d d d d d d d . d d d d d d d d
z| z . z z z z z z z . z z z z z z z z
n| n . n n n n n n n . n n n n n n n n
u| u . u u u u u u u . u u u u u u u u
v| v . v v v v v v v . v v v v v v v v
t| t . t t t t t t t . t t t t t t t t`);

export const MOD = parse(`
b | i . i i i j e f . . p m d z n u v t
g | . . . . . . . . . . . . . . . . . .
x | i . i i i j e f . . p m d z n u v t
h | i . i i i j e f . . p m d z n u v t
i | i . i i i j e f . . p m d z n u v t
j | j . j j j j e f . . p m d z n u v t
e | f . f f f f f f f . f f z z f f f f
f | f . f f f f f f f . f f z z f f f f
c | . . . . . . . f . . p m d z n u v t
s | . . . . . . . . . . . . . . . . . .
p | n . n n n n n f n . . . . . . . . .
m | i . i i i i i f i . . . . . . . . .
d | i . i i i i i . i . . . . . . . . .
z | f . f f f f f f f . . . . . . . . .
n | n . n n n n n f n . . . . . . . . .
u | u . u u u u u f u . . . . . . . . .
v | v . v v v v v f v . . . . . . . . .
t | t . t t t t t f t . . . . . . . . .`);

/** & and | (Lesser, Greater) */
export const MINMAX = parse(`
b | b . x h i j e f c . p m d z n u v t
g | . . . . . . . . . . . . . . . . . .
x | x . x h i j e f c . p m d z n u v t
h | h . h h i j e f c . p m d z n u v t
i | i . i i i j e f c . p m d z n u v t
j | j . j j j j e f c . p m d z n u v t
e | e . e e e e e f c . p m d z n u v t
f | f . f f f f f f c . p m d z n u v t
c | c . c c c c c c c . p m d z n u v t
s | . . . . . . . . . . . . . . . . . .
p | p . p p p p p p p . p p p p n u v t
m | m . m m m m m m m . p m d . . . . .
d | d . d d d d d d d . p d d z . . . .
z | z . z z z z z z z . p . z z n u v t
n | n . n n n n n n n . n . . n n n n n
u | u . u u u u u u u . u . . u n u v t
v | v . v v v v v v v . v . . v n v v t
t | t . t t t t t t t . t . . t n t t t`);

/** ^ (Fill) */
export const FILL = parse(`
b | b . x h i j e f c . p m d z n u v t
g | . g . . . . . . . . . . . . . . . .
x | x . x h i j e f c . p m d z n u v t
h | h . h h i j e f c . p m d z n u v t
i | i . i i i j e f c . p m d z n u v t
j | j . j j j j e f c . p m d z n u v t
e | e . e e e e e f c . p m d z n u v t
f | f . f f f f f f c . p m d z n u v t
c | c . c c c c c c c . p m d z n u v t
s | . . . . . . . . . s . . . . . . . .
p | p . p p p p p p p . p p p p n u v t
m | m . m m m m m m m . p m d . . . . .
d | d . d d d d d d d . p d d z . . . .
z | z . z z z z z z z . p . z z n u v t
n | n . n n n n n n n . n . . n n n n n
u | u . u u u u u u u . u . . u n u v t
v | v . v v v v v v v . v . . v n v v t
t | t . t t t t t t t . t . . t n t t t`);

export const XEXP = parse(`
b | f . f f f f f f . . . . . . . . . .
g | . . . . . . . . . . . . . . . . . .
x | f . f f f f f f . . . . . . . . . .
h | f . f f f f f f . . . . . . . . . .
i | f . f f f f f f . . . . . . . . . .
j | f . f f f f f f . . . . . . . . . .
e | f . f f f f f f . . . . . . . . . .
f | f . f f f f f f . . . . . . . . . .
c | . . . . . . . . . . . . . . . . . .
s | . . . . . . . . . . . . . . . . . .
p | . . . . . . . . . . . . . . . . . .
m | . . . . . . . . . . . . . . . . . .
d | . . . . . . . . . . . . . . . . . .
z | . . . . . . . . . . . . . . . . . .
n | . . . . . . . . . . . . . . . . . .
u | . . . . . . . . . . . . . . . . . .
v | . . . . . . . . . . . . . . . . . .
t | . . . . . . . . . . . . . . . . . .`);

// The reference's xlog grid lists rows b x h i j e f c p; its s row is empty
// and the remaining temporal rows are cut off: rows not printed are 'type here.
export const XLOG = parse(`
b | f . f f f f f f f . f f f . f f f f
x | f . f f f f f f f . f f f . f f f f
h | f . f f f f f f f . f f f . f f f f
i | f . f f f f f f f . f f f . f f f f
j | f . f f f f f f f . f f f . f f f f
e | f . f f f f f f f . f f f . f f f f
f | f . f f f f f f f . f f f . f f f f
c | f . f f f f f f f . f f f . f f f f
p | f . f f f f f f f . f f f . f f f f`);

/** Comparison type for two differing temporal types (basics/comparison.md). */
export const TCMP = parse(`
p | . . . . . . . . . . p p p p n u v t
m | . . . . . . . . . . p m d . . . . .
d | . . . . . . . . . . p d d z . . . .
z | . . . . . . . . . . p . z z n u v t
n | . . . . . . . . . . n . . n n n n n
u | . . . . . . . . . . u . . u n u v t
v | . . . . . . . . . . v . . v n v v t
t | . . . . . . . . . . t . . t n t t t`);

// Monadic domain -> range rows ('.' is 'type), indexed by type code.
function range(text: string): Int8Array {
  const g = new Int8Array(20);
  cellsOf(text).forEach((c, i) => { if (c !== '.') g[CHAR_CODE[COLS[i]]] = CHAR_CODE[c]; });
  return g;
}
export const R_NEG = range('i . i h i j e f i . p m d z n u v t');
export const R_ABS = R_NEG;
export const R_SIGNUM = range('i . i i i i i i i . i i i i i i i i');
export const R_FLOAT = range('f . f f f f f f f . f f f z f f f f'); // sqrt exp log sin cos tan asin acos atan
export const R_RECIP = range('f . f f f f f f f . p f f z f f f f');
export const R_FLOOR = range('. . . h i j j j c s . . . . . . . .');
export const R_CEILING = range('i . i h i j j j i . . . . . . . . .');

/** Grid lookup: result vector type for x (type |tx|) op y (|ty|), 0 for 'type. */
export const cell = (g: Int8Array, tx: number, ty: number): number => g[tx * 20 + ty];
