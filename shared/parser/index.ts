// PLACEHOLDER owned by the parser work (issue 3).
import type { LetterText, ParsedLetter } from '../domain/letter';

export const PARSER_VERSION = '0.0.0';

export function parseLetter(_input: LetterText): ParsedLetter {
  throw new Error('parser not implemented yet');
}
