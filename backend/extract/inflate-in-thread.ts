/**
 * pdf.js inflates every Flate stream through the global DecompressionStream when
 * one exists, falling back to its own synchronous inflater when it does not. In
 * Node 20 a web stream per PDF object (fonts, content streams, object streams —
 * letters have dozens, all small) costs more than inflating them in JavaScript:
 * about 3-4 ms of ~25 ms CPU per corpus letter. So while pdf.js works on a
 * document the global is hidden, and put back as soon as no extraction in this
 * thread is running. Nothing else in the app uses DecompressionStream (Node's
 * fetch and zlib do not go through the global).
 */
let active = 0;
let hidden: PropertyDescriptor | undefined;

export async function withoutDecompressionStream<T>(work: () => Promise<T>): Promise<T> {
  if (active++ === 0) {
    // Node defines it as a lazy accessor; keep the descriptor so it is restored exactly.
    hidden = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
    if (hidden?.configurable) Reflect.deleteProperty(globalThis, 'DecompressionStream');
    else hidden = undefined;
  }
  try {
    return await work();
  } finally {
    if (--active === 0 && hidden) {
      Object.defineProperty(globalThis, 'DecompressionStream', hidden);
      hidden = undefined;
    }
  }
}
