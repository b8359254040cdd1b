/** "Assign the selected text to…" — the fastest way to correct a field. */
import { useMemo, useState } from 'react';
import { useApp } from '../store/appStore';
import { ITEM_FIELD_DEFS, LETTER_GROUPS, itemPath, type FieldDef } from '../fields/fieldDefs';
import { parseFieldValue } from '../../../shared/domain/fields';
import { saveField } from '../fields/save';

interface Option {
  path: string;
  label: string;
  def: FieldDef;
}

export function AssignPopover({ text, x, y, onClose }: { text: string; x: number; y: number; onClose(): void }) {
  const detail = useApp((s) => s.current.detail);
  const notify = useApp((s) => s.notify);
  const options = useMemo<Option[]>(() => {
    const out: Option[] = [];
    for (const group of LETTER_GROUPS)
      for (const def of group.fields) if (def.correctable) out.push({ path: def.key, label: def.label, def });
    detail?.effective.items.forEach((_item, i) => {
      for (const def of ITEM_FIELD_DEFS)
        if (def.correctable && def.kind !== 'citations')
          out.push({ path: itemPath(i, def.key), label: `Item ${i + 1} · ${def.label}`, def });
    });
    return out;
  }, [detail]);
  const [path, setPath] = useState(options[0]?.path ?? '');
  if (!detail) return null;
  const assign = async () => {
    const option = options.find((o) => o.path === path);
    if (!option) return;
    const parsed = parseFieldValue(option.def, text);
    if (!parsed.ok) {
      notify('error', parsed.message);
      return;
    }
    if (await saveField(option.path, option.def, parsed.value)) {
      notify('success', `${option.label} set from the letter.`);
      window.getSelection()?.removeAllRanges();
      onClose();
    }
  };
  return (
    <div
      className="assign-popover"
      style={{ left: Math.max(8, x - 140), top: y + 14 }}
      role="dialog"
      aria-label="Assign selected text to a field"
      onMouseUp={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="assign-text" title={text}>
        “{text.length > 80 ? `${text.slice(0, 80)}…` : text}”
      </div>
      <div className="assign-row">
        <label htmlFor="assign-field" className="sr-only">
          Field to assign
        </label>
        <select id="assign-field" value={path} onChange={(e) => setPath(e.target.value)}>
          {options.map((o) => (
            <option key={o.path} value={o.path}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" className="btn primary small" onClick={() => void assign()}>
          Assign
        </button>
        <button type="button" className="btn ghost small" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
    </div>
  );
}
