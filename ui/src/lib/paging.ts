// Long lists drawn a page at a time: the portfolio can hold thousands of rows, and a webview
// that lays out every one of them holds them all in memory (issue 19). Pure, so the pager's
// arithmetic is tested without a DOM.

/** Rows per page of a long table. */
export const PAGE_SIZE = 50;

/** One page of `items`: the page asked for, held within the pages there are. */
export interface Page<T> {
  items: T[];
  /** Zero-based, after clamping. */
  page: number;
  pages: number;
  /** One-based positions of the first and last item shown (0 and 0 when there are none). */
  first: number;
  last: number;
  total: number;
}

export function pageOf<T>(items: readonly T[], page: number, size: number = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const shown = items.slice(at * size, (at + 1) * size);
  return {
    items: shown,
    page: at,
    pages,
    first: shown.length === 0 ? 0 : at * size + 1,
    last: at * size + shown.length,
    total: items.length,
  };
}

/** Whether every word of `query` occurs in one of `texts`, ignoring case and extra spaces. */
export function matchesQuery(query: string, texts: readonly string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.join("\n").toLowerCase();
  return words.every((word) => haystack.includes(word));
}
