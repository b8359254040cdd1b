/**
 * A small text prompt (reason for a decision change, treatments for a split…)
 * as a promise; resolves null when the reviewer cancels.
 */
import { useRef, useState } from 'react';
import { create } from 'zustand';
import { Modal } from './Modal';

export interface PromptOptions {
  title: string;
  detail?: string;
  label: string;
  initial?: string;
  multiline?: boolean;
  required?: boolean;
  requiredMessage?: string;
  confirmLabel?: string;
  hint?: string;
}

interface Prompt extends PromptOptions {
  resolve(value: string | null): void;
}

const usePrompt = create<{ prompt: Prompt | null }>(() => ({ prompt: null }));

export function askForText(options: PromptOptions): Promise<string | null> {
  return new Promise((resolve) => {
    usePrompt.getState().prompt?.resolve(null);
    usePrompt.setState({
      prompt: {
        ...options,
        resolve: (value) => {
          usePrompt.setState({ prompt: null });
          resolve(value);
        },
      },
    });
  });
}

export function askForReason(title: string, detail: string): Promise<string | null> {
  return askForText({
    title,
    detail,
    label: 'Reason for the change',
    multiline: true,
    required: true,
    requiredMessage: 'A decision change needs a reason for the audit trail.',
    confirmLabel: 'Save change',
  });
}

export function PromptDialog() {
  const prompt = usePrompt((s) => s.prompt);
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const [shownPrompt, setShownPrompt] = useState(prompt);
  if (shownPrompt !== prompt) {
    setShownPrompt(prompt);
    setValue(prompt?.initial ?? '');
    setTouched(false);
  }
  if (!prompt) return null;
  const empty = value.trim() === '';
  const invalid = touched && empty && prompt.required;
  const submit = () => {
    setTouched(true);
    if (!(prompt.required && empty)) prompt.resolve(value.trim());
  };
  const common = {
    id: 'prompt-input',
    ref: inputRef,
    value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? 'prompt-error' : prompt.hint ? 'prompt-hint' : undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValue(e.target.value),
  };
  return (
    <Modal title={prompt.title} onClose={() => prompt.resolve(null)} initialFocus={inputRef}>
      {prompt.detail ? <p className="prompt-detail">{prompt.detail}</p> : null}
      <label htmlFor="prompt-input" className="field-label">
        {prompt.label}
      </label>
      {prompt.multiline ? (
        <textarea
          {...common}
          rows={4}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
      ) : (
        <input
          {...common}
          type="text"
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
        />
      )}
      {prompt.hint ? (
        <p id="prompt-hint" className="muted small">
          {prompt.hint}
        </p>
      ) : null}
      {invalid ? (
        <p id="prompt-error" className="error-text">
          {prompt.requiredMessage ?? 'This cannot be empty.'}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => prompt.resolve(null)}>
          Cancel
        </button>
        <button type="button" className="btn primary" onClick={submit}>
          {prompt.confirmLabel ?? 'OK'}
        </button>
      </div>
    </Modal>
  );
}
