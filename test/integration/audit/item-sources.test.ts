/**
 * Item identity from the backend: after items are deleted, added, split,
 * merged and reordered, every effective item says which parsed item it comes
 * from (`parsedIndex`), and every source it carries slices the letter to the
 * text that value was read from. A value that was not read from the letter
 * (corrected, typed into an added item, a split part's new treatment) has no
 * source at all.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/api/contract';
import type { CaseDetail, EffectiveItem } from '../../../shared/domain/case';
import { ITEM_FIELDS, type ParsedItem } from '../../../shared/domain/letter';
import type { ImportSummary } from '../../../shared/domain/case';
import { createService, type Service } from '../../../backend/service/service';
import fs from 'node:fs';
import os from 'node:os';

const LETTER = path.resolve(import.meta.dirname, '../../fixtures/corpus/letters/CM16-0230651.pdf');
const REVIEWER = 'Dana Reviewer';

let dir: string;
let service: Service;
let caseId: number;
let text: string;

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const apply = (change: Change, reason?: string) =>
  ok(service.send('corrections.apply', { caseId, reviewer: REVIEWER, change, ...(reason ? { reason } : {}) }));

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Every source shown must be the parsed item's own span for that field, and
 * the value beside it the value the parser read there; item text slices back to
 * the value itself.
 */
function expectTrueSources(detail: CaseDetail): void {
  for (const [position, item] of detail.effective.items.entries()) {
    const where = `item ${position + 1} ("${item.treatment}")`;
    if (item.parsedIndex === null) {
      expect(item.spans, `${where} was added by a reviewer`).toEqual({});
      continue;
    }
    const parsed = detail.parsed.items[item.parsedIndex] as ParsedItem;
    for (const field of ITEM_FIELDS) {
      const span = item.spans[field];
      if (!span) continue;
      expect(span, `${where}.${field}`).toEqual(parsed.spans[field]);
      expect(item[field], `${where}.${field}`).toEqual(parsed[field]);
      expect(item.confidence[field], `${where}.${field}`).toBe(parsed.confidence[field]);
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeLessThanOrEqual(text.length);
    }
    if (item.spans.treatment)
      expect(fold(text.slice(item.spans.treatment.start, item.spans.treatment.end))).toBe(fold(item.treatment!));
    if (item.spans.decision) expect(text.slice(item.spans.decision.start, item.spans.decision.end)).toBe(item.decision);
  }
  for (const [field, span] of Object.entries(detail.effective.spans)) {
    expect(span, field).toEqual(detail.parsed.spans[field as keyof typeof detail.parsed.spans]);
  }
}

const treatments = (detail: CaseDetail) => detail.effective.items.map((i) => i.treatment);
const origins = (detail: CaseDetail) => detail.effective.items.map((i) => i.parsedIndex);
const sourceText = (item: EffectiveItem, field: keyof EffectiveItem['spans']) => {
  const span = item.spans[field];
  return span ? fold(text.slice(span.start, span.end)) : null;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-sources-'));
  service = createService({ dbPath: path.join(dir, 'w.sqlite'), host: 'test', samplesDir: null, settingsPath: null });
  const { jobId } = await ok(service.privileged.send('import.paths', { paths: [LETTER] }));
  const summary = (await service.waitForJob(jobId)) as ImportSummary;
  caseId = summary.outcomes[0]!.caseId!;
  const detail = await ok(service.send('cases.get', { caseId }));
  text = (await ok(service.send('documents.content', { documentId: detail.documentId }))).letterText.text;
});

afterAll(() => {
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('item identity and sources after item edits', () => {
  it('a fresh case: every item is its own parsed item, every letter field has its source', async () => {
    const detail = await ok(service.send('cases.get', { caseId }));
    expect(origins(detail)).toEqual(detail.parsed.items.map((_, i) => i));
    expect(Object.keys(detail.effective.spans)).toContain('decisionDate');
    expectTrueSources(detail);
  });

  it('delete item 1 and add an item: the new item 1 shows its own source, the added item none', async () => {
    await apply({ type: 'delete-item', index: 0 }, 'duplicate of the upper extremities request');
    const detail = await apply({ type: 'add-item', treatment: 'Home health aide' });
    expect(detail.effective.items).toHaveLength(detail.parsed.items.length);
    const first = detail.effective.items[0]!;
    expect(first.treatment).toBe('EMG/NCV of the upper extremities');
    expect(first.parsedIndex).toBe(1);
    expect(sourceText(first, 'treatment')).toBe('EMG/NCV of the upper extremities');
    const added = detail.effective.items.at(-1)!;
    expect(added).toMatchObject({ treatment: 'Home health aide', parsedIndex: null, spans: {}, confidence: {} });
    expectTrueSources(detail);
  });

  it('split: both parts point at their source; the new treatments have no source, the decision keeps its own', async () => {
    const detail = await apply({
      type: 'split-item',
      index: 0,
      treatments: ['EMG of the upper extremities', 'NCV of the upper extremities'],
    });
    expect(origins(detail).slice(0, 2)).toEqual([1, 1]);
    for (const part of detail.effective.items.slice(0, 2)) {
      expect(part.spans.treatment).toBeUndefined();
      expect(part.spans.decision).toEqual(detail.parsed.items[1]!.spans.decision);
    }
    expectTrueSources(detail);
  });

  it('merge: the merged item points at the first merged item', async () => {
    // Items 2 and 3 now: the second split part (parsed 1) and the acupuncture request (parsed 2).
    const before = await ok(service.send('cases.get', { caseId }));
    expect(origins(before).slice(1, 3)).toEqual([1, 2]);
    const detail = await apply({ type: 'merge-items', indices: [2, 1], treatment: 'NCV and electro acupuncture' });
    const merged = detail.effective.items[1]!;
    expect(merged.treatment).toBe('NCV and electro acupuncture');
    expect(merged.parsedIndex).toBe(2);
    expect(merged.spans.treatment).toBeUndefined();
    expectTrueSources(detail);
  });

  it('reorder: identities move with the items', async () => {
    const before = await ok(service.send('cases.get', { caseId }));
    const order = before.effective.items.map((_, i) => i).reverse();
    const detail = await apply({ type: 'reorder-items', order });
    expect(treatments(detail)).toEqual([...treatments(before)].reverse());
    expect(origins(detail)).toEqual([...origins(before)].reverse());
    expectTrueSources(detail);
  });

  it('a corrected value loses its source; undo brings it back', async () => {
    const before = await ok(service.send('cases.get', { caseId }));
    const position = before.effective.items.findIndex((i) => i.treatment === 'MRI of the lumbar spine');
    expect(before.effective.items[position]!.spans.bodyRegion).toBeDefined();
    let detail = await apply({
      type: 'set-field',
      path: `items[${position}].bodyRegion`,
      value: 'lumbar spine and pelvis',
    });
    expect(detail.effective.items[position]!.spans.bodyRegion).toBeUndefined();
    expect(detail.effective.items[position]!.spans.treatment).toBeDefined();
    detail = await apply({ type: 'set-field', path: 'decisionDate', value: 'February 29, 2016' });
    expect(detail.effective.spans.decisionDate).toBeUndefined();
    expect(detail.effective.spans.dateAssigned).toBeDefined();
    expectTrueSources(detail);
    detail = await ok(service.send('corrections.undo', { caseId, reviewer: REVIEWER }));
    expect(detail.effective.spans.decisionDate).toEqual(detail.parsed.spans.decisionDate);
    expectTrueSources(detail);
  });
});
