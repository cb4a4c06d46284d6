/**
 * The few globals the pure core uses that both its hosts — Node (the CLI, the main process, the worker) and the
 * browser (the renderer) — provide, declared for core/tsconfig.json, which type-checks the core without the DOM
 * library and without Node's types. The other tsconfigs get these from @types/node or the DOM library, and
 * exclude this file.
 */

/** WHATWG Encoding: decodes bytes (UTF-8, GB18030 …) to text. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
