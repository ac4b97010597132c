/** A1 notation for 0-based rows and columns, and sheet names as formulas quote them. */

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function rangeA1(fromRow: number, fromCol: number, toRow: number, toCol: number): string {
  const from = a1(fromRow, fromCol);
  const to = a1(toRow, toCol);
  return from === to ? from : `${from}:${to}`;
}

/** 'KC Income Statement'!B7: names with anything but letters and digits are quoted. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/** A text literal in a formula: quotes doubled, as Excel writes them. */
export function excelString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
