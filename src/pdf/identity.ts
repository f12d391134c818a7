import { createHash } from 'node:crypto';

/**
 * The file identifier (trailer /ID) derived from the file's content.
 *
 * pdfkit derives /ID from the Info dictionary only (an MD5 of the dates and strings), so two
 * issues with the same metadata but different text would share it. Here both halves of /ID become
 * the first 16 bytes of the SHA-256 of everything before the trailer (header, every object, the
 * cross-reference table; with a cross-reference stream, everything before it): the same content gives the same /ID, any change gives another one.
 * The hex string keeps its length, so no offset moves. An encrypted file (only possible with
 * PDF/A off) keeps pdfkit's /ID, from which its key is derived.
 */
export function withContentId(pdf: Buffer): Buffer {
  // A classic trailer (as pdfkit writes it), or a cross-reference stream (src/pdf/object-streams.ts)
  // whose dictionary holds /ID: then everything before that stream object is hashed.
  const classic = pdf.lastIndexOf('\ntrailer');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(
    pdf.subarray(Math.max(0, pdf.length - 64)).toString('latin1'),
  );
  const trailerAt = classic >= 0 ? classic : Number(startxref?.[1] ?? -1);
  if (trailerAt < 0 || !Number.isInteger(trailerAt)) throw new Error('no trailer in the PDF');
  const trailer = pdf.subarray(trailerAt).toString('latin1');
  // An encrypted file's key is derived from its /ID: leave it alone (PDF/A builds never encrypt).
  if (trailer.includes('/Encrypt')) return pdf;
  const m = /\/ID \[<([0-9a-fA-F]+)> <([0-9a-fA-F]+)>\]/.exec(trailer);
  if (!m?.[1] || !m[2] || m[1].length !== 32 || m[2].length !== 32) {
    throw new Error('the trailer of the PDF written by pdfkit has no 16-byte /ID');
  }
  const id = createHash('sha256').update(pdf.subarray(0, trailerAt)).digest('hex').slice(0, 32);
  const out = Buffer.from(pdf);
  const at = trailerAt + m.index;
  out.write(`/ID [<${id}> <${id}>]`, at, 'latin1');
  return out;
}
