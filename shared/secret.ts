/**
 * SecretBytes: a box for secret material (entropy, seeds, keys) that refuses to be printed,
 * serialized or logged, and can be wiped (ARCHITECTURE 2.6).
 */
export class SecretBytes {
  #bytes: Uint8Array | undefined;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** Run fn with the raw bytes; fn must not keep a reference. Throws once wiped. */
  use<T>(fn: (bytes: Uint8Array) => T): T {
    if (!this.#bytes) throw new Error('secret wiped');
    return fn(this.#bytes);
  }

  get wiped(): boolean {
    return this.#bytes === undefined;
  }

  get length(): number {
    return this.#bytes?.length ?? 0;
  }

  /** Zero the bytes and drop the reference. */
  wipe(): void {
    this.#bytes?.fill(0);
    this.#bytes = undefined;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'SecretBytes [redacted]';
  }
}
