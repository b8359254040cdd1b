/**
 * The WebAssembly global as Node provides it. TypeScript declares it only in
 * the DOM library, which the backend does not load (backend/tsconfig.json: no
 * DOM in the backend), so the part the PDFium runtime uses is declared here,
 * with the DOM library's shapes.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: BufferSource);
  }
  interface Exports {
    [name: string]: unknown;
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  class RuntimeError extends Error {}
  class CompileError extends Error {}
  class LinkError extends Error {}
  type ImportValue = unknown;
  type ModuleImports = Record<string, ImportValue>;
  type Imports = Record<string, ModuleImports>;
  interface WebAssemblyInstantiatedSource {
    instance: Instance;
    module: Module;
  }
  function compile(bytes: BufferSource): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
  function instantiate(bytes: BufferSource, imports?: Imports): Promise<WebAssemblyInstantiatedSource>;
  function validate(bytes: BufferSource): boolean;
}
