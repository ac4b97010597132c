import type { Style } from "./types";

/**
 * How each cell role looks, in one place for every face (Excel, .xlsx, the HTML preview), after
 * the banking convention: inputs blue, links to other tabs green, calculations black.
 */
export interface Look {
  color?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** A rule above the cell (totals). */
  topBorder?: boolean;
  fill?: string;
  align?: "left" | "right" | "center";
  /** Text on several lines (column headers). */
  wrap?: boolean;
}

export const LOOKS: Record<Style, Look> = {
  title: { bold: true, size: 14 },
  subtitle: { italic: true, color: "#595959" },
  header: { bold: true, fill: "#DDEBF7", align: "right", wrap: true },
  "header-left": { bold: true, fill: "#DDEBF7", align: "left" },
  heading: { bold: true },
  section: { italic: true },
  label: {},
  "total-label": { bold: true, topBorder: true },
  input: { color: "#0000FF" },
  reported: { color: "#0000FF", italic: true },
  // Right as figures are, so a linked "n.m." stands where the growth it replaces would.
  link: { color: "#007A33", align: "right" },
  calc: { color: "#000000", align: "right" },
  total: { color: "#000000", bold: true, topBorder: true },
  check: { italic: true, color: "#7F7F7F" },
  missing: { color: "#7F7F7F", align: "right" },
  driver: { color: "#0000FF", fill: "#FFF2CC" },
  held: { color: "#000000", italic: true, align: "right" },
  // No fill: the status says in words whether the checks pass, and a green one would not turn red.
  status: { bold: true, size: 12 },
};

/** Styles that share a look are applied together. */
export function lookKey(look: Look): string {
  return JSON.stringify(look);
}
