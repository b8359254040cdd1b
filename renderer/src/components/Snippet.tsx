/** Renders an FTS snippet whose hits arrive wrapped in \u0001 … \u0002 as <mark>s. */
export function Snippet({ text }: { text: string }) {
  const parts: { hit: boolean; text: string }[] = [];
  let rest = text;
  while (rest.length) {
    const open = rest.indexOf('\u0001');
    if (open < 0) {
      parts.push({ hit: false, text: rest });
      break;
    }
    if (open > 0) parts.push({ hit: false, text: rest.slice(0, open) });
    const close = rest.indexOf('\u0002', open + 1);
    const end = close < 0 ? rest.length : close;
    parts.push({ hit: true, text: rest.slice(open + 1, end) });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return (
    <span className="snippet">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
