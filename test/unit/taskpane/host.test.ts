import { detectHost, supports } from "../../../src/taskpane/host";

/** Where the pane runs, decided from Office.js alone and never by a timeout. */

type Ready = { host: string | null };
const g = globalThis as { Office?: unknown };

function fakeOffice(onReady: () => Promise<Ready>, sets: Record<string, string> = {}) {
  g.Office = {
    HostType: { Excel: "Excel" },
    onReady,
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) => sets[name] === version,
      },
    },
  };
}

afterEach(() => {
  delete g.Office;
  jest.useRealTimers();
});

test("no Office.js (its CDN unreachable): a preview at once", async () => {
  await expect(detectHost()).resolves.toBe("preview");
});

test("Office.js that reports no host (a plain browser): a preview", async () => {
  fakeOffice(() => Promise.resolve({ host: null }));
  await expect(detectHost()).resolves.toBe("preview");
});

test("a cold Excel: it waits however long onReady takes, says so once, and is Excel", async () => {
  jest.useFakeTimers();
  let ready: (r: Ready) => void = () => undefined;
  fakeOffice(() => new Promise<Ready>((resolve) => (ready = resolve)));
  const slow = jest.fn();
  let host: string | undefined;
  void detectHost(slow, 10000).then((h) => (host = h));
  await jest.advanceTimersByTimeAsync(9000);
  expect(slow).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(60000);
  expect(slow).toHaveBeenCalledTimes(1);
  expect(host).toBeUndefined();
  ready({ host: "Excel" });
  await jest.advanceTimersByTimeAsync(0);
  expect(host).toBe("excel");
});

test("requirement sets come from Office.context.requirements; none without Office.js", () => {
  expect(supports("ExcelApi", "1.12")).toBe(false);
  fakeOffice(() => Promise.resolve({ host: "Excel" }), { ExcelApi: "1.12" });
  expect(supports("ExcelApi", "1.12")).toBe(true);
  expect(supports("ExcelApi", "1.18")).toBe(false);
});
