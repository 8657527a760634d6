/**
 * When pretty output is colored: FORCE_COLOR, then NO_COLOR, then the terminal default.
 */
import { describe, expect, it } from "vitest";
import { colorsEnabled } from "../src/format/color-choice.js";

describe("color choice", () => {
  it("follows the default (is the output a terminal?) when neither variable is set", () => {
    expect(colorsEnabled(true, {})).toBe(true);
    expect(colorsEnabled(false, {})).toBe(false);
  });

  it("NO_COLOR with a value turns colors off; empty NO_COLOR does not", () => {
    expect(colorsEnabled(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorsEnabled(true, { NO_COLOR: "" })).toBe(true);
  });

  it("FORCE_COLOR turns colors on (even empty), 0 or false turns them off, and it wins over NO_COLOR", () => {
    expect(colorsEnabled(false, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorsEnabled(false, { FORCE_COLOR: "" })).toBe(true);
    expect(colorsEnabled(false, { FORCE_COLOR: "3", NO_COLOR: "1" })).toBe(true);
    expect(colorsEnabled(true, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorsEnabled(true, { FORCE_COLOR: "false" })).toBe(false);
  });

  it("without an environment (no process) keeps the default", () => {
    expect(colorsEnabled(true, undefined)).toBe(true);
    expect(colorsEnabled(false, undefined)).toBe(false);
  });
});
