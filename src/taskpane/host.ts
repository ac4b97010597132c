/**
 * Where the page runs. Inside Excel, Office.js is loaded and `Office.onReady` reports the Excel
 * host, however long a cold start takes; in a plain browser Office.js either could not be loaded
 * (no internet for its CDN) or reports no host. Only those two make the page a preview: waiting
 * has no time limit, since a pane that gave up on a slow Excel would stay a preview for good.
 */
export type Host = "excel" | "preview";

type OfficeGlobal = typeof Office;

function office(): OfficeGlobal | undefined {
  const o = (globalThis as { Office?: OfficeGlobal }).Office;
  return o && typeof o.onReady === "function" ? o : undefined;
}

/** `onSlow` is called once if Office.js has not answered after `slowMs`, to say it is still starting. */
export async function detectHost(
  onSlow: () => void = () => undefined,
  slowMs = 10000
): Promise<Host> {
  const o = office();
  if (!o) return "preview";
  const slow = setTimeout(onSlow, slowMs);
  try {
    const info = await o.onReady();
    return info?.host === o.HostType.Excel ? "excel" : "preview";
  } finally {
    clearTimeout(slow);
  }
}

/**
 * Whether Excel offers an API requirement set (Office.context.requirements). The manifest asks
 * only for what the add-in cannot work without; the pane checks the rest before offering it.
 */
export function supports(set: string, version: string): boolean {
  return office()?.context?.requirements?.isSetSupported(set, version) === true;
}
