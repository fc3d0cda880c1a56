/**
 * The WHATWG Encoding standard's TextDecoder, as far as the contract uses it: browsers and
 * Node.js both have it, but the contract builds with neither's types (the web app and the
 * server both import it).
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
