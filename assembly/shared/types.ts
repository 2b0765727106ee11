// Portable q type constants: compiled by asc (assembly/) and by tsc (src/).
// Keep this file free of AssemblyScript-only types so both compilers accept it.
// Names follow kdb+'s k.h: K<char> is the vector type, its negation the atom.

export const KB = 1;   // boolean
export const UU = 2;   // guid
export const KG = 4;   // byte
export const KH = 5;   // short
export const KI = 6;   // int
export const KJ = 7;   // long
export const KE = 8;   // real
export const KF = 9;   // float
export const KC = 10;  // char
export const KS = 11;  // symbol
export const KP = 12;  // timestamp
export const KM = 13;  // month
export const KD = 14;  // date
export const KZ = 15;  // datetime
export const KN = 16;  // timespan
export const KU = 17;  // minute
export const KV = 18;  // second
export const KT = 19;  // time
export const XT = 98;  // table
export const XD = 99;  // dictionary
export const FN = 100; // first function type; 100..112 are functions
export const UNARY = 101; // unary primitive; the generic null :: is (101;0)

// Attributes (header byte a)
export const ANONE = 0;
export const ASORTED = 1;
export const AUNIQUE = 2;
export const APARTED = 3;
export const AGROUPED = 4;

// Error codes set by the engine; src/errors.ts maps them to q error names.
export const EOK = 0;
export const EWSFULL = 1;
export const ETYPE = 2;
export const ELENGTH = 3;
export const EDOMAIN = 4;
export const ERANK = 5;
export const ENYI = 6;
export const ELIMIT = 7;
export const EINDEX = 8;
export const ESTOP = 9;   // a kernel stopped on request (assembly/poll.ts)
