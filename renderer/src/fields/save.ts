/** Saving one field as a correction; decision changes first ask for a reason. */
import { useApp } from '../store/appStore';
import { askForReason } from '../components/PromptDialog';
import { fieldText } from '../../../shared/domain/fields';
import { labelForPath, type FieldDef } from './fieldDefs';

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function effectiveValueAt(path: string): unknown {
  const detail = useApp.getState().current.detail;
  if (!detail) return undefined;
  const item = /^items\[(\d+)\]\.(\w+)$/.exec(path);
  if (item)
    return (detail.effective.items[Number(item[1])] as unknown as Record<string, unknown> | undefined)?.[item[2]!];
  return (detail.effective as unknown as Record<string, unknown>)[path];
}

/** What became of a value offered for a field. */
export type SaveOutcome = 'saved' | 'unchanged' | 'not-saved';

/**
 * Saves `value` as field `path` of the open case, unless it is what the field
 * already holds. A decision change asks for a reason first; the change goes
 * to the case it was asked on, whatever is open when the reviewer answers.
 */
export async function saveField(path: string, def: FieldDef, value: unknown): Promise<SaveOutcome> {
  const caseId = useApp.getState().current.id;
  if (caseId === null) return 'not-saved';
  const before = effectiveValueAt(path);
  if (sameValue(before, value)) return 'unchanged';
  let reason: string | undefined;
  if (def.key === 'decision') {
    const answer = await askForReason(
      'Why is the decision changing?',
      `${labelForPath(path)}: ${fieldText(def, before) ?? 'empty'} → ${fieldText(def, value) ?? 'empty'}`,
    );
    if (answer === null) return 'not-saved';
    reason = answer;
  }
  const saved = await useApp.getState().applyChange({ type: 'set-field', path, value }, reason, caseId);
  return saved ? 'saved' : 'not-saved';
}
