export {
  DEFAULT_MAX_FILE_BYTES,
  importInMemoryFiles,
  importPaths,
  type ImportOptions,
  type ImportProgress,
  type InMemoryFile,
} from './importer';
export { reparseAll, type ReparseOptions } from './reparse';
export { collectFiles, isLetterFileName, LETTER_EXTENSIONS } from './collect-files';
export { configureExtractWorker, ExtractPool } from './extract-pool';
