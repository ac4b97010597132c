/**
 * Where the page runs. Inside Excel, Office.js is loaded and reports the Excel host; in a plain
 * browser it either reports no host or could not be loaded at all (no internet for its CDN).
 */
export type Host = "excel" | "preview";

export async function detectHost(timeoutMs = 8000): Promise<Host> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") return "preview";
  const timeout = new Promise<undefined>((resolve) =>
    setTimeout(() => resolve(undefined), timeoutMs)
  );
  const info = await Promise.race([office.onReady(), timeout]);
  return info?.host === office.HostType.Excel ? "excel" : "preview";
}
