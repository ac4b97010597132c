/** The error of the given class that run throws; the test fails if it throws nothing or another. */
export function thrown<E extends Error>(
  type: abstract new (...args: never[]) => E,
  run: () => unknown
): E {
  try {
    run();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}`);
}
