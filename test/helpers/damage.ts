/**
 * Damage done to the release text as a careless export or an attacker would do it, on the text
 * itself (never through the parser under test), so that tests can say exactly what was done.
 */

const COMPANY_HEADING = "KINGSOFT CLOUD HOLDINGS LIMITED";

/** 1-based line numbers of every table's company heading, in order. */
export function tableStarts(text: string): number[] {
  return text
    .split("\n")
    .flatMap((l, i) =>
      !l.startsWith("\t") && l.trim().startsWith(COMPANY_HEADING) ? [i + 1] : []
    );
}

/**
 * Removes the column'th (0-based) column of the table whose heading is at tableLine from its header
 * rows and from every row, as if that column had never been printed: in each run of cell lines,
 * the column'th non-empty cell after the first (the label, or the header's empty corner) goes,
 * with the ")" line that closes a negative split over two lines.
 */
export function withoutColumn(text: string, tableLine: number, column: number): string {
  const lines = text.split("\n");
  const starts = tableStarts(text);
  const end = starts.find((s) => s > tableLine) ?? lines.length + 1;
  const drop = new Set<number>();
  let k = tableLine; // 1-based
  while (k < end) {
    if (!lines[k - 1].startsWith("\t")) {
      k++;
      continue;
    }
    const block: number[] = [];
    while (k < end && lines[k - 1].startsWith("\t")) block.push(k++);
    const filled = block
      .slice(1)
      .filter((n) => lines[n - 1].trim() !== "" && lines[n - 1].trim() !== ")");
    const target = filled[column];
    if (target === undefined) continue;
    drop.add(target);
    if (lines[target]?.trim() === ")") drop.add(target + 1);
  }
  return lines.filter((_, i) => !drop.has(i + 1)).join("\n");
}

/** Little-endian UTF-16 (as Windows "Unicode" saves), with or without a byte order mark. */
export function utf16le(text: string, bom = true): Buffer {
  return Buffer.from((bom ? "\uFEFF" : "") + text, "utf16le");
}

const CP1252 = new Map([
  ["“", 0x93],
  ["”", 0x94],
  ["’", 0x92],
  ["–", 0x96],
  ["·", 0xb7],
]);

/** Windows-1252 (as older Windows tools save): the release's curly quotes and dashes as single bytes. */
export function windows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else {
      const b = CP1252.get(ch);
      if (b === undefined) throw new Error(`no Windows-1252 byte for ${ch} in this test helper`);
      bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}
