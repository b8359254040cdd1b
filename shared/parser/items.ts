import type { ParsedItem, Span } from '../domain/letter';
import { categorise } from './derive/category';
import { readCitations } from './derive/citations';
import { readConclusion } from './derive/conclusion';
import { findBodyRegions } from './derive/body-region';
import { readMedication } from './derive/medication';
import { findDuration, findFrequency, findQuantity } from './derive/quantities';
import { readItemBody, type BodyLabelPatterns, type ItemBody } from './item-body';
import type { ItemHeader } from './item-headers';
import { splitItemHeader } from './modified-request';
import { Provenance } from './provenance';
import { FoldedText } from './text';
import type { ItemField } from '../domain/letter';

/**
 * One disputed item: header parts, labelled body parts (read with the
 * layout's `labels`, unless the layout shares one body among its items),
 * then the derived fields.
 */
export function buildItem(
  text: string,
  header: ItemHeader,
  labels: BodyLabelPatterns,
  sharedBody?: ItemBody,
): ParsedItem {
  const prov = new Provenance<ItemField>();
  const warnings: string[] = [];
  const parts = splitItemHeader(text, header.header);
  if (parts.warning) warnings.push(parts.warning);
  const body = sharedBody ?? readItemBody(text, header.body, labels);

  const treatment = parts.treatment?.value ?? null;
  prov.note('treatment', parts.treatment?.span, header.uncertainStart ? 0.7 : 1);
  if (header.uncertainStart) warnings.push('where the item header starts is uncertain; check the treatment text');
  let decision = header.decision;
  prov.note(
    'decision',
    header.decisionSpan ?? undefined,
    header.decisionConfidence ?? (header.decisionInferred ? 0.8 : 1),
  );
  if (header.decisionInferred) warnings.push(`decision "${decision}" inferred from the statement of medical necessity`);
  prov.note('originalRequest', parts.originalRequest?.span);
  prov.note('authorizedByClaimsAdministrator', parts.authorized?.span);
  prov.note('claimsAdministratorGuideline', body.claimsAdministratorGuideline?.span);
  prov.note('maximusGuideline', body.maximusGuideline?.span);
  prov.note('rationale', body.rationale?.span);
  if (!body.rationale) warnings.push('no "Decision rationale:" found for this item');

  // Derived fields are read from the treatment text; spans map back through the folded view.
  const folded = parts.treatment ? new FoldedText(text, parts.treatment.span.start, parts.treatment.span.end) : null;
  const inTreatment = (index: number, length: number): Span | undefined => folded?.spanOf(index, index + length);
  const subject = folded?.value ?? '';

  const category = categorise(subject);
  prov.note(
    'category',
    category.match ? inTreatment(category.match.index, category.match.length) : parts.treatment?.span,
    category.confidence,
  );

  const quantity = findQuantity(subject);
  if (quantity) prov.note('quantity', inTreatment(quantity.index, quantity.length), quantity.inferred ? 0.6 : 0.9);
  const frequency = findFrequency(subject);
  if (frequency) prov.note('frequency', inTreatment(frequency.index, frequency.length), 0.9);
  const duration = findDuration(subject);
  if (duration) prov.note('duration', inTreatment(duration.index, duration.length), 0.9);
  // Regions named in the treatment; items that name none may take them from their context (region-context.ts).
  const region = findBodyRegions(subject);
  if (region) prov.note('bodyRegion', inTreatment(region.index, region.length), 0.9);
  const medication = category.category === 'pharmacy' ? readMedication(subject) : null;
  if (medication) prov.note('medication', inTreatment(medication.index, medication.length), 0.8);

  const citations = [
    ...readCitations(body.claimsAdministratorGuideline?.value ?? null, 'claimsAdministrator'),
    ...readCitations(body.maximusGuideline?.value ?? null, 'maximus'),
  ];
  const citationSource = body.maximusGuideline?.span ?? body.claimsAdministratorGuideline?.span;
  if (citations.length) prov.note('citations', citationSource, 0.9);

  let conclusion: ParsedItem['conclusion'] = null;
  if (body.rationale) {
    const rationaleText = new FoldedText(text, body.rationale.span.start, body.rationale.span.end);
    const verdict = readConclusion(rationaleText.value);
    if (verdict) {
      conclusion = verdict.value;
      const verdictSpan = rationaleText.spanOf(verdict.index, verdict.index + verdict.length);
      prov.note('conclusion', verdictSpan, verdict.confidence);
      if (decision === null) {
        // No stated decision: the rationale's verdict implies it (not necessary = denial upheld).
        decision = verdict.value === 'not medically necessary' ? 'Upheld' : 'Overturned';
        prov.note('decision', verdictSpan, 0.6);
        warnings.push(`no decision stated for this item; "${decision}" inferred from the rationale's conclusion`);
      } else {
        const expected = decision === 'Upheld' ? 'not medically necessary' : 'medically necessary';
        if (verdict.value !== expected) {
          warnings.push(
            `decision "${decision}" contradicts the rationale's conclusion "${verdict.value}" (Upheld means not medically necessary)`,
          );
        }
      }
    }
  }
  if (decision === null) warnings.push('no decision found for this item');

  return {
    treatment,
    decision,
    originalRequest: parts.originalRequest?.value ?? null,
    authorizedByClaimsAdministrator: parts.authorized?.value ?? null,
    claimsAdministratorGuideline: body.claimsAdministratorGuideline?.value ?? null,
    maximusGuideline: body.maximusGuideline?.value ?? null,
    rationale: body.rationale?.value ?? null,
    category: category.category,
    quantity: quantity?.value ?? null,
    frequency: frequency?.value ?? null,
    duration: duration?.value ?? null,
    bodyRegion: region?.value ?? [],
    medication: medication?.value ?? null,
    citations,
    conclusion,
    spans: prov.spans,
    confidence: prov.confidence,
    warnings,
  };
}
