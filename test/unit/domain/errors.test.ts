import { KcError, asKcError } from "../../../src/domain/errors";

/** The errors a formula can show: a code every face maps, and a message it keeps. */

test("a KcError carries its code and message, and is an Error", () => {
  const e = new KcError("#N/A", "The release has no Total revenues for 2025Q3");
  expect(e).toBeInstanceOf(Error);
  expect(e.code).toBe("#N/A");
  expect(e.message).toBe("The release has no Total revenues for 2025Q3");
  expect(e.name).toBe("KcError");
  expect(String(e)).toBe("KcError: The release has no Total revenues for 2025Q3");
});

test("asKcError keeps a KcError as it is", () => {
  const e = new KcError("#DIV/0!", "Growth is undefined");
  expect(asKcError(e)).toBe(e);
});

test("anything else is a #VALUE! that says what went wrong", () => {
  expect(asKcError(new TypeError("x is undefined"))).toMatchObject({
    code: "#VALUE!",
    message: "Unexpected problem: x is undefined",
  });
  expect(asKcError("boom")).toMatchObject({ code: "#VALUE!", message: "Unexpected problem: boom" });
  expect(asKcError(undefined).message).toBe("Unexpected problem: undefined");
  expect(asKcError(42).message).toBe("Unexpected problem: 42");
  expect(asKcError(new RangeError("too deep"))).toBeInstanceOf(KcError);
});
