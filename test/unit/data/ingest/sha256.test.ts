import { createHash } from "crypto";
import fc from "fast-check";
import { sha256Hex } from "../../../../src/data/ingest/sha256";

const node = (text: string) => createHash("sha256").update(text).digest("hex");

test("the standard's test vectors", () => {
  expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("agrees with Node's crypto at every length around the block boundaries", () => {
  for (let n = 0; n <= 130; n++) expect(sha256Hex("x".repeat(n))).toBe(node("x".repeat(n)));
});

test("agrees with Node's crypto on any text, non-ASCII included", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => sha256Hex(s) === node(s))
  );
});
