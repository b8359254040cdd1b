import { CITATION_SOURCES, type CitationSource } from '../../shared/domain/letter';

/**
 * The item values every analytics row repeats (migration 008) so that a
 * filter is a column test on the rows a breakdown scans, never a join.
 */

/**
 * An item's citation sources as bits of `guideline_mask`: a source's bit is
 * 1 << its place in CITATION_SOURCES (MTUS 1, ACOEM 2, ODG 4, other 8); 0 when
 * the item cites none. Migration 008 wrote the same numbers as literals.
 */
export function guidelineBit(source: CitationSource): number {
  return 1 << CITATION_SOURCES.indexOf(source);
}

/** The mask of an item's sources (values outside CITATION_SOURCES are not guidelines and add nothing). */
export function guidelineMask(sources: Iterable<string>): number {
  let mask = 0;
  for (const source of sources) {
    if ((CITATION_SOURCES as readonly string[]).includes(source)) mask |= guidelineBit(source as CitationSource);
  }
  return mask;
}
