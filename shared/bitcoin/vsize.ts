/**
 * Virtual size estimate (BIP-141 weight / 4, rounded up) of the fully signed transaction, from the
 * input script types and the outputs. Signatures are counted at their maximum DER size (72 bytes with
 * the sighash byte), so the fee rate shown is a lower bound. Finalized inputs count their real scripts.
 * Deliberately does NOT: estimate script-path taproot spends or non-multisig custom scripts (they are
 * counted like P2WPKH, the usual case of an unknown foreign input).
 */
export type VsizeInputType = 'p2pkh' | 'p2sh-p2wpkh' | 'p2wpkh' | 'p2tr' | 'p2sh' | 'p2wsh' | 'p2sh-p2wsh' | 'unknown';

export interface VsizeInput {
  type: VsizeInputType;
  /** multisig threshold / key count / m-of-n script length */
  m?: number;
  n?: number;
  scriptLen?: number;
  final?: { scriptSig?: Uint8Array; witness?: Uint8Array[] };
}

const SIG = 72;
const PUB = 33;

function varLen(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}
const pushLen = (n: number) => (n < 0x4c ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : 5) + n;
const witnessLen = (items: number[]) => varLen(items.length) + items.reduce((a, n) => a + varLen(n) + n, 0);

/** scriptSig length and witness length (bytes) of one input once signed; witness 0 = no witness. */
function inputSizes(i: VsizeInput): [number, number] {
  if (i.final) {
    const w = i.final.witness;
    return [i.final.scriptSig?.length ?? 0, w && w.length ? witnessLen(w.map((x) => x.length)) : 0];
  }
  const m = i.m ?? 1;
  const script = i.scriptLen ?? 71;
  const msWitness = witnessLen([0, ...Array<number>(m).fill(SIG), script]);
  switch (i.type) {
    case 'p2pkh':
      return [pushLen(SIG) + pushLen(PUB), 0];
    case 'p2wpkh':
    case 'unknown':
      return [0, witnessLen([SIG, PUB])];
    case 'p2sh-p2wpkh':
      return [pushLen(22), witnessLen([SIG, PUB])];
    case 'p2tr':
      return [0, witnessLen([64])];
    case 'p2sh':
      return [1 + m * pushLen(SIG) + pushLen(script), 0];
    case 'p2wsh':
      return [0, msWitness];
    case 'p2sh-p2wsh':
      return [pushLen(34), msWitness];
  }
}

/** Estimated vsize (vB) for inputs and output scripts. */
export function estimateVsize(inputs: readonly VsizeInput[], outputScripts: readonly Uint8Array[]): number {
  const sizes = inputs.map(inputSizes);
  const segwit = sizes.some(([, w]) => w > 0);
  let weight = 4 * (4 + 4 + varLen(inputs.length) + varLen(outputScripts.length));
  if (segwit) weight += 2; // marker + flag
  for (const [sig, wit] of sizes) {
    weight += 4 * (32 + 4 + 4 + varLen(sig) + sig);
    weight += segwit ? (wit > 0 ? wit : 1) : 0; // a non-witness input still has an empty witness vector
  }
  for (const s of outputScripts) weight += 4 * (8 + varLen(s.length) + s.length);
  return Math.ceil(weight / 4);
}
