/**
 * Registering the KC functions with Excel never fails silently: a missing runtime or a refused
 * association is recorded for the pane to show (and logged where the runtime is there).
 */

type Runtime = typeof import("../../../src/functions/runtime");
const g = globalThis as { CustomFunctions?: unknown };

function freshRuntime(): Runtime {
  let runtime: Runtime | undefined;
  jest.isolateModules(() => {
    runtime = jest.requireActual<Runtime>("../../../src/functions/runtime");
  });
  return runtime!;
}

afterEach(() => {
  delete g.CustomFunctions;
  jest.restoreAllMocks();
});

test("without Excel's runtime each function is recorded as not registered", () => {
  const rt = freshRuntime();
  rt.functionsRuntime.associate("VALUE", () => 1);
  expect(rt.registrationFailures()).toEqual([
    "KC.VALUE: Excel's custom functions runtime (CustomFunctions) is not on this page",
  ]);
});

test("with it, every function registers and nothing is reported", () => {
  const associated: string[] = [];
  g.CustomFunctions = { associate: (id: string) => associated.push(id) };
  const rt = freshRuntime();
  rt.functionsRuntime.associate("VALUE", () => 1);
  rt.functionsRuntime.associate("FXRATE", () => 1);
  expect(associated).toEqual(["VALUE", "FXRATE"]);
  expect(rt.registrationFailures()).toEqual([]);
});

test("a refused association is recorded and logged at once", () => {
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  g.CustomFunctions = {
    associate: () => {
      throw new Error("no function with id FX in the metadata");
    },
  };
  const rt = freshRuntime();
  rt.functionsRuntime.associate("FX", () => 1);
  expect(rt.registrationFailures()).toEqual(["KC.FX: no function with id FX in the metadata"]);
  expect(error).toHaveBeenCalledWith(
    "KC.FX was not registered with Excel: no function with id FX in the metadata"
  );
});
