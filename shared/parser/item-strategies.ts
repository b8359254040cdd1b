import type { ParsedItem, Span } from '../domain/letter';
import { fillRegionsFromContext } from './derive/region-context';
import { anyBodyLabel, type BodyLabelPatterns } from './item-body';
import { findItemHeaders } from './item-headers';
import { buildItem } from './items';
import type { Layout } from './layouts';
import type { ItemStrategy } from './layouts/types';
import type { LineIndex } from './lines';
import { findRegardingItems } from './regarding-items';
import { sectionOf, type Section } from './sections';
import { findIssueItems, findStatementItems } from './statement-items';

export interface ItemsContext {
  text: string;
  sections: Section[];
  /** The section the items start at (the layout's, or "items" / "ISSUE AT DISPUTE" when unknown). */
  itemsSection: Section | undefined;
  /** From the items heading to the next heading that is not an item heading, or the whole text. */
  region: Span;
  lines: LineIndex;
  labels: BodyLabelPatterns;
}

/** The item readers (see `ItemStrategy` in layouts/types.ts). Each returns no items when its structure is absent. */
const STRATEGIES: Record<ItemStrategy, (ctx: ItemsContext) => ParsedItem[]> = {
  'decision-headers': ({ text, region, lines, labels }) =>
    findItemHeaders(text, region, lines, anyBodyLabel(labels)).map((h) => buildItem(text, h, labels)),
  'issue-at-dispute': ({ text, sections, itemsSection, labels }) => {
    const issue = sectionOf(sections, 'issueAtDispute');
    if (!issue || (itemsSection && itemsSection.kind !== 'issueAtDispute')) return [];
    return findIssueItems(text, issue, sections).map(({ header, body }) => buildItem(text, header, labels, body));
  },
  'regarding-sections': ({ text, sections, labels }) =>
    findRegardingItems(text, sections).map((h) => buildItem(text, h, labels)),
  'numbered-statements': ({ text, region, labels }) =>
    findStatementItems(text, region).map((h) => buildItem(text, h, labels)),
};

/** For unrecognised letters, and when the layout's own reader finds nothing: the strongest structure first. */
const FALLBACK: ItemStrategy[] = ['decision-headers', 'issue-at-dispute', 'regarding-sections', 'numbered-statements'];

/** The disputed items by the layout's strategy, else by the first other strategy that finds any. */
export function readItems(layout: Layout | undefined, ctx: ItemsContext): ParsedItem[] {
  const order = layout ? [layout.items.strategy, ...FALLBACK.filter((s) => s !== layout.items.strategy)] : FALLBACK;
  for (const strategy of order) {
    const items = STRATEGIES[strategy](ctx);
    if (!items.length) continue;
    fillRegionsFromContext(ctx.text, items);
    return items;
  }
  return [];
}
