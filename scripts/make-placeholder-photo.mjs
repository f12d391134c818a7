#!/usr/bin/env node
/**
 * Draws the placeholder photo for the sample issue (the real one, a White House Flickr photo of the
 * August 2025 Alaska summit, cannot be downloaded here) and writes
 * assets/issues/2025-alaska-summit/photo.jpg: 1600×1067, a stylised Bering Strait at dusk.
 *
 * Usage: node scripts/make-placeholder-photo.mjs [output.jpg]
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'assets/issues/2025-alaska-summit/photo.jpg'));
const WIDTH = 1600;
const HEIGHT = 1067;
const MAX_BYTES = 300 * 1024;

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3e4f66"/>
      <stop offset="0.55" stop-color="#8a98a8"/>
      <stop offset="1" stop-color="#d9cdb8"/>
    </linearGradient>
    <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#6f8496"/>
      <stop offset="1" stop-color="#2f3f52"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#f3e6c8" stop-opacity="0.95"/>
      <stop offset="1" stop-color="#f3e6c8" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>
  <circle cx="1010" cy="560" r="260" fill="url(#sun)"/>
  <!-- distant ranges -->
  <path d="M0 610 L90 560 L170 585 L260 520 L350 575 L430 548 L520 600 L560 640 L0 640 Z" fill="#5d6b7c" opacity="0.85"/>
  <path d="M980 640 L1060 585 L1140 600 L1230 530 L1300 565 L1380 505 L1460 560 L1530 540 L1600 575 L1600 640 Z" fill="#56657a" opacity="0.9"/>
  <rect y="620" width="${WIDTH}" height="${HEIGHT - 620}" fill="url(#sea)"/>
  <!-- Chukotka (west) and Alaska's Seward Peninsula (east), stylised -->
  <path d="M0 650 C120 640 210 668 300 690 C380 710 450 700 520 735 C560 755 548 790 500 805 C420 830 330 812 250 842 C170 872 80 860 0 880 Z" fill="#44505e"/>
  <path d="M1600 648 C1480 642 1380 660 1290 688 C1200 716 1120 706 1060 740 C1020 764 1034 800 1090 814 C1180 836 1270 818 1350 850 C1440 884 1530 870 1600 890 Z" fill="#3f4b59"/>
  <!-- the Diomede islands -->
  <ellipse cx="760" cy="742" rx="34" ry="11" fill="#4a5663"/>
  <ellipse cx="838" cy="748" rx="24" ry="8" fill="#4a5663"/>
  <!-- the date line between them -->
  <line x1="799" y1="640" x2="799" y2="${HEIGHT}" stroke="#e9e1d0" stroke-opacity="0.45" stroke-width="3" stroke-dasharray="14 12"/>
  <!-- light on the water -->
  <g stroke="#efe4cc" stroke-linecap="round" opacity="0.35">
    <line x1="930" y1="660" x2="1090" y2="660" stroke-width="3"/>
    <line x1="900" y1="690" x2="1120" y2="690" stroke-width="3"/>
    <line x1="950" y1="722" x2="1060" y2="722" stroke-width="2"/>
    <line x1="880" y1="860" x2="1000" y2="860" stroke-width="2"/>
    <line x1="600" y1="930" x2="720" y2="930" stroke-width="2"/>
  </g>
  <text x="${WIDTH - 40}" y="${HEIGHT - 36}" text-anchor="end" font-family="DejaVu Sans, Helvetica, Arial, sans-serif"
        font-size="24" fill="#f1ebdf" fill-opacity="0.85">Placeholder \u2014 photo: The White House (Flickr)</text>
</svg>`;

const jpeg = await sharp(Buffer.from(svg))
  .flatten({ background: '#ffffff' })
  .toColourspace('srgb')
  .jpeg({ quality: 88, chromaSubsampling: '4:2:0', progressive: false })
  .toBuffer();
if (jpeg.length >= MAX_BYTES) {
  throw new Error(`placeholder is ${jpeg.length} bytes; it must stay under ${MAX_BYTES}`);
}
mkdirSync(path.dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, jpeg);
console.log(`${path.relative(process.cwd(), OUTPUT)}: ${WIDTH}×${HEIGHT}, ${jpeg.length} bytes`);
