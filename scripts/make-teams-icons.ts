// Writes the Teams app icons: appPackage/color.png (192×192, full colour) and
// appPackage/outline.png (32×32, white on transparent), as Teams requires. Pure PNG encoding
// (zlib + CRC32) so no image library is needed. Run: npx tsx scripts/make-teams-icons.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

type Rgba = [number, number, number, number];

/** An RGBA PNG from a pixel function. */
export function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The glyph, in unit coordinates: a branch — a trunk with two limbs ending in nodes. */
function glyph(u: number, v: number): boolean {
  const seg = (x1: number, y1: number, x2: number, y2: number, w: number) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((u - x1) * dx + (v - y1) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(u - (x1 + t * dx), v - (y1 + t * dy)) <= w;
  };
  const dot = (x: number, y: number, r: number) => Math.hypot(u - x, v - y) <= r;
  return (
    seg(0.5, 0.85, 0.5, 0.3, 0.07) ||
    seg(0.5, 0.55, 0.27, 0.33, 0.06) ||
    seg(0.5, 0.45, 0.73, 0.25, 0.06) ||
    dot(0.5, 0.22, 0.11) ||
    dot(0.25, 0.3, 0.1) ||
    dot(0.75, 0.22, 0.1)
  );
}

const ACCENT: Rgba = [0x1f, 0x5f, 0xa8, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

const dir = path.resolve(import.meta.dirname, "../appPackage");
writeFileSync(
  path.join(dir, "color.png"),
  encodePng(192, (x, y) => (glyph((x + 0.5) / 192, (y + 0.5) / 192) ? WHITE : ACCENT)),
);
writeFileSync(
  path.join(dir, "outline.png"),
  encodePng(32, (x, y) => (glyph((x + 0.5) / 32, (y + 0.5) / 32) ? WHITE : CLEAR)),
);
console.log(`wrote ${dir}/color.png and ${dir}/outline.png`);
