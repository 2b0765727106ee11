// The page bundle leaves out the k texts of .h.tx (dothk.ts): a page shows the q.
export const TX_K: Record<string, string> = {};
