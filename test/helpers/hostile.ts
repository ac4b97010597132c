/**
 * Texts a pasted release (or a file's name) may carry that Excel would read as a formula (=, +,
 * -, @, behind invisible characters too), a number, a date, a boolean or an error, or whose own
 * leading apostrophe Excel would take as its text prefix.
 */
export const HOSTILE_TEXTS = [
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  "@SUM(A1:A9)",
  "-2+3",
  "=1+1",
  "\u200b=1+1",
  "\uff1dSUM(A1)",
  "'quoted",
  "1,234",
  "2026-05-20",
  "TRUE",
  "#N/A",
];
