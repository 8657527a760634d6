/**
 * The TypeScript plugin checks which TypeScript it was loaded with and says what to do when it
 * cannot run (TypeScript 7 has no transformer API; TypeScript 5 is not the one it is built for).
 * The packaging test loads the packed plugin next to a TypeScript 7 package; these pin the rule.
 */
import { describe, expect, it } from "vitest";
import { typescriptProblem } from "../transformer/typescript/typescript-version.js";

describe("the TypeScript version the plugin accepts", () => {
  it("accepts TypeScript 6 with its compiler API", () => {
    expect(typescriptProblem("6.0.3", true)).toBeUndefined();
    expect(typescriptProblem("6.1.0-dev.20260101", true)).toBeUndefined();
  });

  it("sends TypeScript 7 to the routes that need no transformer API, and names TypeScript 6 for this one", () => {
    const problem = typescriptProblem("7.0.2", false) ?? "";
    expect(problem).toMatch(/^logweave\/transformer: TypeScript 7\.0\.2 has no transformer API/);
    for (const route of ["npx logweave swc", "logweave/vite", "logweave/esbuild", "node --import logweave/register", "npm i -D typescript@6 ts-patch"]) expect(problem).toContain(route);
    expect(problem).not.toContain("\n");
  });

  it("asks TypeScript 5 to upgrade, or to take another route", () => {
    const problem = typescriptProblem("5.9.3", true) ?? "";
    expect(problem).toMatch(/^logweave\/transformer: the TypeScript plugin needs TypeScript 6, found 5\.9\.3; upgrade with npm i -D typescript@6 ts-patch/);
    expect(problem).toContain("npx logweave swc");
  });

  it("treats a module without the compiler API as TypeScript 7, whatever its version says", () => {
    expect(typescriptProblem("6.0.3", false)).toMatch(/has no transformer API/);
    expect(typescriptProblem(undefined, false)).toMatch(/TypeScript \(version unknown\) has no transformer API/);
  });
});
