/** Types of scripts/start-args.js, which the dev server's tests also use. */
export function startArgs(
  argv: string[],
  desktopExcel: boolean
): { app: "desktop" | "web"; document?: string };
export function sideloadUrl(document: string, port: number, manifestId: string): string;
