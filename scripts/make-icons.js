// Draws the add-in's icons (a "KC" monogram on a blue tile) as PNGs at the sizes Office asks for.
// Run once after changing the design: node scripts/make-icons.js
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];

// 5x7 glyphs for K and C.
const GLYPHS = {
  K: ["10001", "10010", "10100", "11000", "10100", "10010", "10001"],
  C: ["01110", "10001", "10000", "10000", "10000", "10001", "01110"],
};

function pixel(size, x, y) {
  const r = size * 0.18;
  const inside = (cx, cy) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const edge =
    x < r && y < r
      ? inside(r, r)
      : x > size - r && y < r
        ? inside(size - r, r)
        : x < r && y > size - r
          ? inside(r, size - r)
          : x > size - r && y > size - r
            ? inside(size - r, size - r)
            : true;
  if (!edge) return null;
  const cell = size / 14;
  const gx = Math.floor((x - cell * 1.5) / cell);
  const gy = Math.floor((y - cell * 3.5) / cell);
  const letter = gx >= 0 && gx < 5 ? "K" : gx >= 6 && gx < 11 ? "C" : null;
  const col = letter === "K" ? gx : gx - 6;
  const on = letter && gy >= 0 && gy < 7 && GLYPHS[letter][gy][col] === "1";
  return on ? WHITE : BLUE;
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const p = pixel(size, x + 0.5, y + 0.5);
      if (p) row.set([...p, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), png(size));
}
