import { IngestError } from "./errors";

/**
 * The release file's bytes as text. UTF-8 (with or without a byte order mark) is read, and an
 * HTML page that declares a single-byte charset of the West (`<meta charset="windows-1252">`, as
 * filings saved by older tools do) is read in it. Any other encoding would turn figures or labels
 * into something else, so it is named and refused, with the line of the first byte that gives it
 * away.
 */
export function decodeRelease(bytes: Uint8Array): string {
  const wide = wideEncoding(bytes);
  if (wide) throw new IngestError(1, `${wide}; save it as UTF-8 and ingest that file`);
  if (declaredCharset(bytes) && bytes.indexOf(0) < 0) return windows1252(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    throw new IngestError(
      lineAt(bytes, bad),
      `byte 0x${hex(bytes[bad])} is not UTF-8; ${guessSingleByte(bytes[bad])}; save it as UTF-8 and ingest that file`
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new IngestError(lineAt(bytes, nul), "the file holds a NUL byte; it is not a text file");
  }
  // A byte order mark stays in the text, so that the recorded hash is the file's.
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

const MARKS: [number[], string][] = [
  // UTF-32 first: its little-endian mark begins like UTF-16's.
  [[0xff, 0xfe, 0x00, 0x00], "UTF-32 little-endian"],
  [[0x00, 0x00, 0xfe, 0xff], "UTF-32 big-endian"],
  [[0xff, 0xfe], "UTF-16 little-endian"],
  [[0xfe, 0xff], "UTF-16 big-endian"],
];

function wideEncoding(bytes: Uint8Array): string | undefined {
  for (const [mark, name] of MARKS) {
    if (mark.every((b, k) => bytes[k] === b)) {
      return `the file is ${name} (byte order mark ${mark.map(hex).join(" ")})`;
    }
  }
  // Without a mark, UTF-16 of mostly ASCII text has a zero in every other byte.
  const sample = bytes.subarray(0, 4096 - (Math.min(bytes.length, 4096) % 2));
  if (sample.length < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let k = 0; k < sample.length; k++) {
    if (sample[k] === 0) {
      if (k % 2) oddZeros++;
      else evenZeros++;
    }
  }
  const half = sample.length / 2;
  const mostly = (zeros: number, others: number) => zeros > half * 0.6 && others * 10 < zeros;
  if (mostly(oddZeros, evenZeros))
    return "the file looks like UTF-16 little-endian (every other byte is zero)";
  if (mostly(evenZeros, oddZeros))
    return "the file looks like UTF-16 big-endian (every other byte is zero)";
  return undefined;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const tail =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (tail < 0) return i;
    for (let k = 1; k <= tail; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const next = b[i + 1];
    if (
      (c === 0xe0 && next < 0xa0) ||
      (c === 0xed && next > 0x9f) ||
      (c === 0xf0 && next < 0x90) ||
      (c === 0xf4 && next > 0x8f)
    ) {
      return i;
    }
    i += tail + 1;
  }
  return -1;
}

/** Typographic characters Windows-1252 puts where Latin-1 has control codes. */
const WINDOWS_1252 = new Map([
  [0x85, "…"],
  [0x91, "‘"],
  [0x92, "’"],
  [0x93, "“"],
  [0x94, "”"],
  [0x95, "•"],
  [0x96, "–"],
  [0x97, "—"],
]);

function guessSingleByte(byte: number): string {
  const typographic = WINDOWS_1252.get(byte);
  if (typographic)
    return `the file looks like Windows-1252 (where 0x${hex(byte)} is ${typographic})`;
  if (byte >= 0xa0) return "the file looks like Latin-1 (ISO-8859-1) or Windows-1252";
  return "the file is in a single-byte encoding, such as Windows-1252";
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) if (bytes[k] === 0x0a) line++;
  return line;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, "0");
}

/** The charsets a page may declare that are read as declared: each byte is one character. */
const SINGLE_BYTE = new Set(["windows-1252", "cp1252", "iso-8859-1", "latin1", "us-ascii"]);

/**
 * Whether an HTML page declares one of SINGLE_BYTE in its first 1,024 bytes (where the HTML
 * standard has a browser look for it). ISO-8859-1 and ASCII are read as windows-1252, as browsers
 * read them.
 */
function declaredCharset(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (!/^\uFEFF?\s*</.test(head)) return false;
  const m = /<meta[^>]*charset\s*=\s*["']?([A-Za-z0-9_-]+)/i.exec(head);
  return m !== null && SINGLE_BYTE.has(m[1].toLowerCase());
}

/**
 * windows-1252 as the WHATWG Encoding standard defines it (what browsers decode), written out:
 * Node's TextDecoder reads that label as ISO-8859-1, which turns 0x92 into a control character
 * rather than a right quotation mark.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function windows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes)
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
  return out;
}
