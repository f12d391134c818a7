import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Page 1 of a PDF as a small PNG, for the catalogue: rendered by pdf.js (pdfjs-dist, Mozilla's
 * renderer) onto a @napi-rs/canvas surface, in this process, no browser. The only module that
 * imports either (eslint.config.js module map).
 */

/** Width of a thumbnail in pixels (shown at half that on a 2× screen). */
export const THUMBNAIL_WIDTH = 180;

export async function renderThumbnail(pdf: Buffer, width = THUMBNAIL_WIDTH): Promise<Buffer> {
  const task = getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const page = await doc.getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: width / unscaled.width });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise;
    page.cleanup();
    return canvas.toBuffer('image/png');
  } finally {
    await doc.destroy();
  }
}
