/**
 * The extracted letter text, with the highlighted source span as a <mark>.
 * Very long lines are shown in part (longLines.ts): each hidden stretch says
 * how many characters it holds and offers to show more or copy the line.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LetterText } from '../../../shared/domain/letter';
import type { Highlight } from '../store/appStore';
import { revealInPane } from '../keyboard/focus';
import { CaseNumbers } from '../components/CaseNumbers';
import { REVEAL_STEP, textPieces, type TextRange } from './longLines';

const count = (n: number) => n.toLocaleString('en-US');

export function TextView({ letter, highlight }: { letter: LetterText; highlight: Highlight | null }) {
  const markRef = useRef<HTMLElement>(null);
  const text = letter.text;
  const valid = highlight && highlight.start >= 0 && highlight.end <= text.length && highlight.end > highlight.start;
  const [revealed, setRevealed] = useState<TextRange[]>([]);
  const [copied, setCopied] = useState<number | null>(null);
  const span = valid ? { start: highlight.start, end: highlight.end } : null;
  const pieces = useMemo(
    () => textPieces(text, span, revealed),
    // The span's ends, not the object made each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text, span?.start, span?.end, revealed],
  );
  useEffect(() => {
    if (valid && markRef.current) revealInPane(markRef.current, true);
  }, [valid, highlight?.seq]);

  const firstMarked = pieces.find((p) => p.kind === 'text' && p.marked)?.start;
  return (
    <div className="text-letter" data-letter-text="true">
      {pieces.map((piece) => {
        if (piece.kind === 'gap') {
          const size = piece.end - piece.start;
          const lineLength = piece.lineEnd - piece.lineStart;
          return (
            <span key={`gap-${piece.start}`} className="text-gap" data-text-gap="true">
              {' '}
              <span className="text-gap-note">
                … {count(size)} more characters (line of {count(lineLength)}, shown in part)
              </span>{' '}
              <button
                type="button"
                className="btn ghost small"
                onClick={() =>
                  setRevealed((r) => [
                    ...r,
                    { start: piece.start, end: Math.min(piece.end, piece.start + REVEAL_STEP) },
                  ])
                }
              >
                Show {count(Math.min(size, REVEAL_STEP))} more
              </button>{' '}
              <button
                type="button"
                className="btn ghost small"
                onClick={() =>
                  void navigator.clipboard
                    .writeText(text.slice(piece.lineStart, piece.lineEnd))
                    .then(() => setCopied(piece.lineStart))
                }
              >
                {copied === piece.lineStart ? 'Line copied' : 'Copy the whole line'}
              </button>{' '}
            </span>
          );
        }
        const slice = text.slice(piece.start, piece.end);
        if (!piece.marked)
          return (
            <span key={piece.start}>
              <CaseNumbers text={slice} />
            </span>
          );
        return (
          <mark
            key={piece.start}
            ref={piece.start === firstMarked ? markRef : undefined}
            data-highlight="true"
            className="src-mark"
          >
            <CaseNumbers text={slice} />
          </mark>
        );
      })}
    </div>
  );
}
