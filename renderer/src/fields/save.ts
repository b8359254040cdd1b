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

export async function saveField(path: string, def: FieldDef, value: unknown): Promise<boolean> {
  const before = effectiveValueAt(path);
  if (sameValue(before, value)) return true;
  let reason: string | undefined;
  if (def.key === 'decision') {
    const answer = await askForReason(
      'Why is the decision changing?',
      `${labelForPath(path)}: ${fieldText(def, before) ?? 'empty'} → ${fieldText(def, value) ?? 'empty'}`,
    );
    if (answer === null) return false;
    reason = answer;
  }
  return useApp.getState().applyChange({ type: 'set-field', path, value }, reason);
}
