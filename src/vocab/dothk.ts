// The k text kdb+ shows for each .h.tx conversion (ref/doth.md).
export const TX_K: Record<string, string> = {
  json: "k){.j.j'$[.Q.qt x;0!x;x]}",
  csv: "k){.q.csv 0:$[.Q.qt x;![x;();0b;(!t)[c]!,:'.q.sv[d]@/:'$v c:&(~l=-10h)&0>l:.Q.tx'v:. t:+0!x];x]}",
  txt: 'k){"\\t"0:x}',
  xml: "k){g:{(#*y)#'(,,\"<\",x),y,,,\"</\",x:($x),\">\"};(,\"<R>\"),(,/'+g[`r]@,/(!x)g'{,xs'$[11h=@x;$x;t&77h>t:@x;$x;x]}'x:+0!x),,\"</R>\"}",
  xls: 'k){ex eb es[`Sheet1]x}',
};
