/**
 * The few platform names shared/ uses. shared/ runs in the renderer, in Node
 * and in worker threads, so it is checked without the DOM or Node type
 * libraries (shared/tsconfig.json); what it needs of them, and every runtime
 * it runs in has, is declared here and nothing more.
 */

/** Base64 of a binary string (browsers, workers, Node ≥ 16). */
declare function btoa(data: string): string;
/** Binary string of base64 (browsers, workers, Node ≥ 16). */
declare function atob(data: string): string;

/** A file the user dropped or picked (the DOM's File); shared/ only names it in the bridge's types. */
interface File {
  readonly name: string;
}
