/**
 * A small letter-like PDF an extraction worker reads once when it is started
 * ahead of an import (extract-workers.ts): reading it compiles what every
 * letter needs — the PDFium functions for pages, TrueType fonts the file does
 * not embed (as word processors write them), the text page and character boxes,
 * then line building and the parser — while the host is still starting, so the
 * import's first letters do not pay for it.
 */

const LINES: { font: 'F1' | 'F2'; text: string }[] = [
  { font: 'F2', text: 'Independent Medical Review Final Determination Letter' },
  { font: 'F1', text: 'IMR Case Number: CM00-0000000   Date of Injury: 01/02/2003' },
  { font: 'F1', text: 'Claim Number: 0000000   Date Assigned: 02/03/2004' },
  { font: 'F2', text: 'Treatment(s) in Dispute Listed on the UR Decision:' },
  { font: 'F1', text: '1. Physical therapy 2 x 4 for the lumbar spine is not medically necessary.' },
  {
    font: 'F1',
    text: 'The Expert Reviewer found that the requested treatment is not medically necessary and appropriate.',
  },
];

function fontObject(baseFont: string, flags: number): string {
  const widths = Array.from({ length: 95 }, () => 500).join(' ');
  return (
    `<< /Type /Font /Subtype /TrueType /BaseFont /${baseFont} /FirstChar 32 /LastChar 126 /Widths [${widths}] ` +
    `/Encoding /WinAnsiEncoding /FontDescriptor << /Type /FontDescriptor /FontName /${baseFont} /Flags ${flags} ` +
    `/FontBBox [-568 -216 2046 693] /ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 80 >> >>`
  );
}

/** Text drawn the way word processors draw it: a TJ array per line, with kerning. */
function content(): string {
  const ops = ['BT'];
  LINES.forEach((line, i) => {
    const words = line.text.split(' ').map((w) => `(${w.replace(/[()\\]/g, '\\$&')})`);
    ops.push(`/${line.font} 11 Tf 1 0 0 1 72 ${720 - i * 16} Tm [${words.join(' -250 ')}] TJ`);
  });
  ops.push('ET');
  return ops.join('\n');
}

/** The warm-up PDF's bytes (one page, US Letter). */
export function warmUpPdf(): Uint8Array {
  const stream = content();
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    fontObject('TimesNewRoman', 34),
    fontObject('TimesNewRoman,Bold', 34 | (1 << 18)),
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
