#!/usr/bin/env node
/**
 * Draws the images of the second sample issue (assets/issues/2025-indo-pacific-supply-chains),
 * which are sample data like its text:
 * - photo.jpg, the lead photo: 1600×1067, a stylised container port at dusk;
 * - chart.png, figure 1: 1600×1000, a bar chart of illustrative (not real) shares of advanced-node
 *   capacity by region. Its labels are Latin letters and digits only: librsvg renders the SVG with
 *   whatever fonts the machine has, and no CJK font is guaranteed; the Chinese caption is set by
 *   the brief itself.
 *
 * Usage: node scripts/make-sample-figures.mjs [output-folder]
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.resolve(
  process.argv[2] ?? path.join(ROOT, 'assets/issues/2025-indo-pacific-supply-chains'),
);

/** The chart's data: illustrative shares in percent, as the figure's alt text describes them. */
const SHARES = [
  ['Taiwan', 60],
  ['Korea', 15],
  ['USA', 10],
  ['Japan', 5],
  ['China', 5],
  ['Other', 5],
];

function photoSvg() {
  const width = 1600;
  const height = 1067;
  const containers = [];
  // Stacks of containers along the quay, in a fixed pattern (no randomness: the file is stable).
  const colours = ['#8c4a3c', '#4f6b7a', '#9a7b4f', '#5d6f52', '#6e5a7a', '#a0603f'];
  for (let col = 0; col < 22; col++) {
    const stack = 2 + ((col * 7) % 4);
    for (let row = 0; row < stack; row++) {
      const x = 60 + col * 66;
      const y = 820 - (row + 1) * 34;
      const fill = colours[(col * 3 + row * 5) % colours.length];
      containers.push(
        `<rect x="${x}" y="${y}" width="62" height="32" fill="${fill}" stroke="#2b3440" stroke-width="2"/>`,
      );
    }
  }
  const crane = (x) => `
    <g fill="none" stroke="#26303b" stroke-width="12" stroke-linejoin="round">
      <path d="M${x} 820 L${x} 430 M${x + 150} 820 L${x + 150} 430 M${x - 40} 430 L${x + 330} 430"/>
      <path d="M${x} 600 L${x + 150} 600 M${x} 430 L${x + 75} 330 L${x + 150} 430"/>
    </g>
    <rect x="${x + 200}" y="436" width="40" height="26" fill="#26303b"/>
    <line x1="${x + 220}" y1="462" x2="${x + 220}" y2="660" stroke="#26303b" stroke-width="4"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2e3d55"/>
      <stop offset="0.6" stop-color="#7d8ea3"/>
      <stop offset="1" stop-color="#e0c9a6"/>
    </linearGradient>
    <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#55697f"/>
      <stop offset="1" stop-color="#1f2b3a"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#f6e2b8" stop-opacity="0.95"/>
      <stop offset="1" stop-color="#f6e2b8" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#sky)"/>
  <circle cx="1180" cy="700" r="240" fill="url(#sun)"/>
  <rect y="700" width="${width}" height="${height - 700}" fill="url(#sea)"/>
  <path d="M0 700 L1600 700" stroke="#c9b48f" stroke-opacity="0.5" stroke-width="3"/>
  <rect y="820" width="${width}" height="${height - 820}" fill="#303a46"/>
  ${containers.join('\n  ')}
  ${crane(260)}
  ${crane(900)}
  <rect y="820" width="${width}" height="14" fill="#1d242d"/>
</svg>`;
}

function chartSvg() {
  const width = 1600;
  const height = 1000;
  const left = 180;
  const bottom = 860;
  const top = 120;
  const plotWidth = width - left - 80;
  const scale = (bottom - top) / 70; // the axis runs to 70 %
  const slot = plotWidth / SHARES.length;
  const font = 'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"';
  const gridlines = [0, 10, 20, 30, 40, 50, 60, 70]
    .map((v) => {
      const y = bottom - v * scale;
      return `<line x1="${left}" y1="${y}" x2="${width - 80}" y2="${y}" stroke="#c8cdd3" stroke-width="${v === 0 ? 3 : 1.5}"/>
    <text x="${left - 20}" y="${y + 12}" text-anchor="end" font-size="34" fill="#4a525c" ${font}>${v}%</text>`;
    })
    .join('\n    ');
  const bars = SHARES.map(([label, value], i) => {
    const x = left + i * slot + slot * 0.18;
    const w = slot * 0.64;
    const y = bottom - value * scale;
    const fill = i === 0 ? '#2f5d8a' : '#8aa5c0';
    return `<rect x="${x}" y="${y}" width="${w}" height="${value * scale}" fill="${fill}"/>
    <text x="${x + w / 2}" y="${y - 16}" text-anchor="middle" font-size="38" font-weight="bold" fill="#1f2933" ${font}>${value}%</text>
    <text x="${x + w / 2}" y="${bottom + 52}" text-anchor="middle" font-size="36" fill="#1f2933" ${font}>${label}</text>`;
  }).join('\n    ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <rect width="${width}" height="${height}" fill="#ffffff"/>
  <text x="${left}" y="70" font-size="40" font-weight="bold" fill="#1f2933" ${font}>Share of advanced-node capacity (illustrative data)</text>
  <g>
    ${gridlines}
  </g>
  <g>
    ${bars}
  </g>
</svg>`;
}

mkdirSync(OUTPUT, { recursive: true });
const photo = await sharp(Buffer.from(photoSvg())).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
writeFileSync(path.join(OUTPUT, 'photo.jpg'), photo);
const chart = await sharp(Buffer.from(chartSvg())).png({ compressionLevel: 9, palette: true }).toBuffer();
writeFileSync(path.join(OUTPUT, 'chart.png'), chart);
console.log(
  `wrote ${path.join(OUTPUT, 'photo.jpg')} (${photo.length} bytes) and ${path.join(OUTPUT, 'chart.png')} (${chart.length} bytes)`,
);
