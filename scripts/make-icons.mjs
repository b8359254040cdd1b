// Renders build/icon.svg into the icon files each platform's installer needs,
// into build/ (committed; rerun after changing the SVG: `node scripts/make-icons.mjs`):
//   build/icons/NxN.png     Linux (AppImage, deb): the hicolor theme sizes, each drawn from the SVG at its size;
//                           1024x1024.png is also the master the ICO and ICNS are made from
//   build/icon.ico          Windows (NSIS, the .exe): 16–256 px
//   build/icon.icns         macOS (dmg, the .app): 16–1024 px, @1x and @2x
// resvg draws the same pixels from the same SVG on every machine (no system fonts: the icon has no text);
// png2icons packs ICO and ICNS.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const BUILD = path.resolve(import.meta.dirname, '../build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const svg = fs.readFileSync(path.join(BUILD, 'icon.svg'));
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

fs.mkdirSync(path.join(BUILD, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) fs.writeFileSync(path.join(BUILD, 'icons', `${size}x${size}.png`), render(size));
const master = fs.readFileSync(path.join(BUILD, 'icons/1024x1024.png'));

// png2icons scales the master down for each entry; BICUBIC2 keeps the small sizes sharp. 0 colours = lossless.
const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true);
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
if (!ico || !icns) throw new Error('png2icons could not convert build/icons/1024x1024.png');
fs.writeFileSync(path.join(BUILD, 'icon.ico'), ico);
fs.writeFileSync(path.join(BUILD, 'icon.icns'), icns);
console.error(`Wrote build/icon.ico, build/icon.icns and build/icons/{${LINUX_SIZES.join(',')}}.png`);
