/** The extracted letter text, with the highlighted source span as a <mark>. */
import { useEffect, useRef } from 'react';
import type { LetterText } from '../../../shared/domain/letter';
import type { Highlight } from '../store/appStore';
import { revealInPane } from '../keyboard/focus';

export function TextView({ letter, highlight }: { letter: LetterText; highlight: Highlight | null }) {
  const markRef = useRef<HTMLElement>(null);
  const text = letter.text;
  const valid = highlight && highlight.start >= 0 && highlight.end <= text.length && highlight.end > highlight.start;
  useEffect(() => {
    if (valid && markRef.current) revealInPane(markRef.current, true);
  }, [valid, highlight?.seq]);
  return (
    <div className="text-letter" data-letter-text="true">
      {valid ? (
        <>
          {text.slice(0, highlight.start)}
          <mark ref={markRef} data-highlight="true" className="src-mark">
            {text.slice(highlight.start, highlight.end)}
          </mark>
          {text.slice(highlight.end)}
        </>
      ) : (
        text
      )}
    </div>
  );
}
