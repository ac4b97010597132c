import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { libreOfficeUnavailable, pdftoppm } from "../../scripts/libreoffice";
import { needs } from "./needs";

export * from "../../scripts/libreoffice";

/** Tests that recalculate or print in LibreOffice: skipped saying why where it is absent, failed under CI. */
export const libreOffice = needs("LibreOffice and poppler", libreOfficeUnavailable());

/** A printed page's pixels, RGB, as pdftoppm renders it (a PPM file: a short header, then bytes). */
export function pagePixels(
  pdf: string,
  page: number,
  dpi: number
): { width: number; height: number; rgb: Buffer } {
  const stem = `${pdf.replace(/\.pdf$/, "")}-page${page}`;
  const r = spawnSync(
    pdftoppm,
    ["-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", pdf, stem],
    { encoding: "utf8" }
  );
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  const ppm = readFileSync(`${stem}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"));
  if (!header) throw new Error(`${stem}.ppm is not a binary PPM`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, rgb: ppm.subarray(header[0].length) };
}
