/**
 * A chart saved as a file the reviewer can put in a report: the SVG as drawn
 * (standalone: dark-on-white whatever the app's theme), or a PNG of it at
 * twice the screen's pixels. Both are made in the page from the chart's own
 * SVG; nothing leaves the machine.
 */
import { saveBlob } from '../api/saveBlob';

/** The chart's SVG as a standalone document: namespaced, on white, text dark. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('class');
  // currentColor (axes, labels) resolves to this outside the app.
  copy.style.color = '#1c2330';
  copy.style.background = '#ffffff';
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  for (const el of copy.querySelectorAll('[tabindex], [role]')) {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
  }
  return new XMLSerializer().serializeToString(copy);
}

export function saveSvg(svg: SVGSVGElement, fileName: string): void {
  saveBlob(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }), `${fileName}.svg`);
}

/** Draws the standalone SVG on a canvas at `scale` × its size and saves it as PNG. */
export async function savePng(svg: SVGSVGElement, fileName: string, scale = 2): Promise<void> {
  const width = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const height = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this window cannot draw images');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'),
    );
    saveBlob(png, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
