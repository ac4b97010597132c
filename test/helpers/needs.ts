/**
 * Tests that need something beside the repository (the release text in ../shared, Microsoft's
 * schemas, a program). Where it is missing they are skipped, with a message saying what is
 * missing and where to put it, so that a fresh clone with nothing beside it passes; under CI
 * (CI=true) they fail with that message instead, since CI has everything beside it.
 */
export interface Needs {
  available: boolean;
  describe(name: string, body: () => void): void;
  test(name: string, body: jest.ProvidesCallback, timeout?: number): void;
}

const told = new Set<string>();

/** `missing`: why the thing is not here and how to get it; undefined when it is here. */
export function needs(what: string, missing: string | undefined): Needs {
  const ci = /^(1|true)$/i.test(process.env.CI ?? "");
  const message = `${what}: ${missing}`;
  const tell = () => {
    if (told.has(message)) return;
    told.add(message);
    process.stderr.write(
      `Skipped: the tests that need ${message}. (Under CI=true they fail instead.)\n`
    );
  };
  if (missing === undefined) return { available: true, describe, test };
  if (ci) {
    const fail = () => {
      throw new Error(`CI=true and the tests need ${message}`);
    };
    return {
      available: false,
      describe: (name) => describe(name, () => test(`needs ${what}`, fail)),
      test: (name) => test(name, fail),
    };
  }
  // The body is not run at all: it may read the missing thing while tests are collected.
  return {
    available: false,
    describe: (name) => {
      tell();
      describe.skip(name, () => test.skip(`needs ${what}`, () => undefined));
    },
    test: (name) => {
      tell();
      test.skip(`${name} (needs ${what})`, () => undefined);
    },
  };
}
