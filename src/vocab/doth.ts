// The .h namespace (ref/doth.md): HTML/XML markup, URI escaping, HTTP
// responses and data as CSV/TSV/XML text. Defined in q, as kdb+ defines it.

import { qdef, qval } from './qdef.js';
import { chars, charAtom, sym, syms, dictOf, listOf } from './util.js';
import { evaluate, primValue, payloadOf } from '../lang/eval.js';
import { TX_K } from './dothk.js';

const SC = "$-.+!*'(),abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789";
const SA = 'a{text-decoration:none}a:link{color:024C7E}a:visited{color:024C7E}a:active{color:958600}';
const SB = 'body{font:10pt verdana;text-align:justify}';
const TY: [string, string][] = [
  ['htm', 'text/html'], ['html', 'text/html'], ['csv', 'text/comma-separated-values'], ['txt', 'text/plain'],
  ['xml', 'text/plain'], ['xls', 'application/msexcel'], ['gif', 'image/gif'], ['jpg', 'image/jpeg'],
  ['png', 'image/png'], ['svg', 'image/svg+xml'], ['json', 'application/json'], ['js', 'application/javascript'],
  ['css', 'text/css'], ['ico', 'image/x-icon'], ['pdf', 'application/pdf'], ['zip', 'application/zip'],
];

qval('.h.sc', () => chars(SC));
qval('.h.sa', () => chars(SA));
qval('.h.sb', () => chars(SB));
qval('.h.br', () => chars('<br>'));
qval('.h.d', () => charAtom(' '));
qval('.h.c0', () => sym('024C7E'));
qval('.h.c1', () => sym('958600'));
qval('.h.ty', () => dictOf(syms(TY.map((t) => t[0])), listOf(TY.map((t) => chars(t[1])))));

// markup
qdef('.h.htc', '{raze("<",string x;">";y;"</",string x;">")}');
qdef('.h.hta', '{raze("<",string x;raze{" ",string[x],"=",$[10h=type y;"\\"",y,"\\"";string y]}\'[key y;value y];">")}');
qdef('.h.htac', '{raze(.h.hta[x;y];z;"</",string x;">")}');
qdef('.h.ha', '{.h.htac[`a;enlist[`href]!enlist x;y]}');
qdef('.h.hb', '{.h.htac[`a;`target`href!(`v;x);y]}');
qdef('.h.nbr', '{.h.htc[`nobr;x]}');
qdef('.h.pre', '{.h.htc[`pre;raze x,\\:"\\n"]}');
qdef('.h.xmp', '{.h.htc[`xmp;raze x,\\:"\\n"]}');
qdef('.h.text', '{raze{.h.htc[`p;x],"\\n"}each x}');
qdef('.h.code', '{" "sv @[s;1+2*til floor .5*count s:"\\t"vs x;{.h.htc[`code].h.nbr x}]}');
qdef('.h.hc', '{ssr[x;"<";"&lt;"]}');
qdef('.h.xs', '{raze{$[x="&";"&amp;";x="<";"&lt;";x=">";"&gt;";x="\\"";"&quot;";x="\'";"&apos;";enlist x]}each x}');
qdef('.h.hr', '{(count x)#"-"}');
qdef('.h.html', '{raze("<html><head><style>";.h.sa;.h.sb;"</style></head><body>";x;"</body></html>")}');
qdef('.h.http', '{raze{$[x like "http://*";.h.ha[x;x];x]}each{(where differ " "=x)_x}x}');

// URIs
qdef('.h.hu', '{raze{$[x in .h.sc;enlist x;"%",-2#string`byte$x]}each x}');
qdef('.h.uh', '{s:"%"vs x; raze(first s),{$[2>count x;"%",x;("c"$0x0 sv 0x00,"X"$2#x),2_x]}each 1_s}');
qdef('.h.hug', '{{$[x in y;enlist x;"%",-2#string`byte$x]}[;x]each"c"$til 256}');

// HTTP
qdef('.h.hn', '{raze("HTTP/1.1 ";x;"\\r\\nContent-Type: ";$[y in key .h.ty;.h.ty y;"application/octet-stream"];"\\r\\nConnection: close\\r\\nContent-Length: ";string count z;"\\r\\n\\r\\n";"c"$z)}');
qdef('.h.hy', '{.h.hn["200 OK";x;y]}');
qdef('.h.he', '{.h.hn["400 Bad Request";`txt;"\'",.h.hc x]}');
qdef('.h.hp', '{.h.hy[`htm;raze("<html><head><style>";.h.sb;"</style></head><body><pre>";raze x,\\:"\\n";"</pre></body></html>")]}');
qdef('.h.ka', '{$[0=x;"close";"keep-alive"]}');
qdef('.h.iso8601', '{s:string"p"$x; @[ssr[10#s;".";"-"],10_s;10;:;"T"]}');

// data as text
const delimited = (sep: string) =>
  `{x:$[99h=type x;0!x;x]; h:$[98h=type x;enlist "${sep}" sv string cols x;()]; c:$[98h=type x;value flip x;x];` +
  ` h,"${sep}" sv' flip{$[0h=type x;{$[10h=abs type x;x;0>type x;string x;.h.d sv string x]}each x;11h=type x;string x;10h=type x;enlist each x;string x]}each c}`;
qdef('.h.cd', delimited(','));
qdef('.h.td', delimited('\\t'));
qdef('.h.xd', '{x:0!x; (enlist"<R>"),({[c;r]raze("<r>";raze{raze("<",string x;">";$[10h=abs type y;y;string y];"</",string x;">")}\'[c;value r];"</r>")}[cols x]each x),enlist"</R>"}');
qdef('.h.xt', '{$[x~`json;.j.k each y;\'`type]}');

// conversions by file type: a dictionary of functions. kdb+ defines them in k,
// and the console shows their k text (ref/doth.md, kept in dothk.ts); ours run
// the q beside it.
const TX: [string, string][] = [
  ['json', '{.j.j each $[.Q.qt x;0!x;x]}'], ['csv', '{.h.cd x}'], ['txt', '{.h.td x}'], ['xml', '{.h.xd x}'], ['xls', '{.h.ed x}'],
];
/** A q lambda that shows (and gives value and string) as kdb+'s k text, when known. */
function shownAs(q: string, k: string | undefined): ReturnType<typeof evaluate> {
  const f = evaluate(q);
  const pl = payloadOf(f);
  if (k && pl?.kind === 'lambda') pl.node = { ...pl.node, src: k };
  return f;
}
qval('.h.tx', () => dictOf(syms(['raw', ...TX.map((t) => t[0])]), listOf([
  primValue(',:'), ...TX.map(([name, q]) => shownAs(q, TX_K[name])),
])));

// .h.jx[j;`t]: a page of 32 rows of table t from row j, under a line of links
// to the first, previous, next and last pages and "count[j]"
qdef('.h.jx', '{[j;x]t:value x;n:32;N:count t;nav:$[N>n;raze[{"<a href=\\"?[",string[x],"\\">",string[y],"</a> "}\'[(0;0|j-n;(0|N-n)&j+n;0|N-n);`home`up`down`end]],string[N],"[",string[j],"]";""];(nav;""),-1_"\\n"vs .Q.s n sublist j _ t}');

// Excel 2003 XML (SpreadsheetML): one Worksheet per table, a header Row of
// column names, then a Row per record; numbers as Number cells, the rest as String
const XL_HEAD = '"<?xml version=\\"1.0\\"?><?mso-application progid=\\"Excel.Sheet\\"?>"';
const XL_NS = 'xmlns=\\"urn:schemas-microsoft-com:office:spreadsheet\\"';
qdef('.h.xlrows', '{c:{"<Cell><Data ss:Type=\\"",$[(abs type x) within 1 9;"Number";"String"],"\\">",(.h.xs $[10h=abs type x;x;string x]),"</Data></Cell>"};' +
  '(enlist raze"<Row>",({"<Cell><Data ss:Type=\\"String\\">",string[x],"</Data></Cell>"}each cols x),enlist"</Row>"),{[c;r]raze"<Row>",(c each value r),enlist"</Row>"}[c]each 0!x}');
qdef('.h.xlsheet', '{(enlist"<Worksheet ss:Name=\\"",string[x],"\\"><Table>"),.h.xlrows[y],enlist"</Table></Worksheet>"}');
qdef('.h.ed', `{(${XL_HEAD};"<Workbook ${XL_NS} xmlns:o=\\"urn:schemas-microsoft-com:office:office\\" xmlns:x=\\"urn:schemas-microsoft-com:office:excel\\" xmlns:ss=\\"urn:schemas-microsoft-com:office:spreadsheet\\" xmlns:html=\\"http://www.w3.org/TR/REC-html40\\">"),.h.xlsheet[\`Sheet1;x],enlist"</Workbook>"}`);
qdef('.h.edsn', `{(${XL_HEAD};"<Workbook ${XL_NS} xmlns:ss=\\"urn:schemas-microsoft-com:office:spreadsheet\\">"),(raze .h.xlsheet'[key x;value x]),enlist"</Workbook>"}`);

// .h.fram[title;lines;(left;right)]: a two-frame page, the left frame as wide as the longest line
qdef('.h.fram', '{[t;s;f]raze("<html><head><title>";t;"</title><frameset cols=\\"";string 26+10*max count each s;",*\\"><frame src=\\"";f 0;"\\"><frame name=v src=\\"";f 1;"\\"></frameset></head></html>")}');
