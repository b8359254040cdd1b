export {
  DEFAULT_MAX_FILE_BYTES,
  importReceivedFiles,
  importPaths,
  type ImportOptions,
  type ImportProgress,
  type ReceivedFile,
} from './importer';
export { reparseAll, type ReparseOptions } from './reparse';
export { collectFiles, isLetterFileName, LETTER_EXTENSIONS } from './collect-files';
export { configureExtractWorker, ExtractPool } from './extract-pool';
