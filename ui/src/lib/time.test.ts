import { describe, expect, it } from "vitest";
import { localTime } from "./time";

describe("localTime", () => {
  it("shows a stored UTC time on the local clock, to the minute", () => {
    const iso = "2026-03-01T09:30:00.000Z";
    const d = new Date(iso);
    const expected = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}:30`;
    expect(localTime(iso)).toBe(expected);
  });

  it("leaves text that is not a time as it is", () => {
    expect(localTime("soon")).toBe("soon");
  });
});
