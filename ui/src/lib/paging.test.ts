import { describe, expect, it } from "vitest";
import { matchesQuery, pageOf } from "./paging";

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("pageOf", () => {
  it("cuts a long list into pages of the given size", () => {
    const second = pageOf(numbers(120), 1, 50);
    expect(second.items[0]).toBe(51);
    expect(second.items.length).toBe(50);
    expect(second).toMatchObject({ page: 1, pages: 3, first: 51, last: 100, total: 120 });
    const last = pageOf(numbers(120), 2, 50);
    expect(last.items).toEqual(numbers(120).slice(100));
    expect(last).toMatchObject({ first: 101, last: 120 });
  });

  it("holds a page asked for outside the list within it", () => {
    expect(pageOf(numbers(120), 9, 50).page).toBe(2);
    expect(pageOf(numbers(120), -1, 50).page).toBe(0);
    // A filter that leaves fewer rows brings a later page back to the last one there is.
    expect(pageOf(numbers(30), 2, 50)).toMatchObject({ page: 0, pages: 1, first: 1, last: 30 });
  });

  it("says an empty list has one empty page", () => {
    expect(pageOf([], 0, 50)).toEqual({ items: [], page: 0, pages: 1, first: 0, last: 0, total: 0 });
  });
});

describe("matchesQuery", () => {
  it("finds every word in any of the texts, whatever the case", () => {
    expect(matchesQuery("acme NEWS", ["Acme Ltd", "Newsletter sign-up"])).toBe(true);
    expect(matchesQuery("acme vendor", ["Acme Ltd", "Newsletter sign-up"])).toBe(false);
    expect(matchesQuery("华东 微信", ["华东商贸", "微信公众号"])).toBe(true);
  });

  it("lets everything through for a blank query", () => {
    expect(matchesQuery("   ", ["anything"])).toBe(true);
  });
});
