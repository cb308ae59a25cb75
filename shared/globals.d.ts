/**
 * The few host globals the shared core may use besides ES2022: present in Node ≥ 18 and every
 * browser, declared here because shared/ compiles without the DOM lib on purpose (ARCHITECTURE 2.4).
 * Anything not listed here (fetch, window, document, localStorage…) does not compile in shared/.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
