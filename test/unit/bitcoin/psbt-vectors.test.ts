/**
 * BIP-174 / BIP-370 / BIP-371 official vectors (test/vectors/*.json): invalid PSBTs are refused with an
 * AppError (never a crash), valid ones parse and review, and the BIP-174 signer vectors reproduce the
 * expected PSBTs byte for byte with the vector's master tprv.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { HDKey } from '@scure/bip32';
import { AppError } from '../../../shared/errors';
import { parsePsbt } from '../../../shared/bitcoin/psbt';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { codeOf } from '../support/error-code';

const load = (f: string) => JSON.parse(readFileSync(new URL(`../../vectors/${f}`, import.meta.url), 'utf8'));
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
type V = { description: string | null; hex: string; expected_locktime?: number | null };

const bip174 = load('bip174.json');
const bip370 = load('bip370.json');
const bip371 = load('bip371.json');
const testnet = NETWORKS.testnet;
const root = () => HDKey.fromExtendedKey(bip174.roles.master_xprv, testnet.bip32);

describe('invalid PSBT vectors are rejected with an AppError', () => {
  for (const [file, d] of [['bip174.json', bip174], ['bip370.json', bip370], ['bip371.json', bip371]] as const) {
    (d.invalid as V[]).forEach((v, i) => {
      it(`${file}#invalid${i}: ${v.description}`, () => {
        const c = codeOf(() => parsePsbt(hex(v.hex)));
        expect(['psbt/unparseable', 'psbt/utxo-mismatch'], `${file}#invalid${i}`).toContain(c);
        expect(codeOf(() => reviewPsbt(hex(v.hex), { network: testnet, keys: root() })), `${file}#invalid${i} review`).toBe(c);
      });
    });
  }
});

describe('valid PSBT vectors parse and review', () => {
  for (const [file, d] of [['bip174.json', bip174], ['bip370.json', bip370], ['bip371.json', bip371]] as const) {
    (d.valid as V[]).forEach((v, i) => {
      it(`${file}#valid${i}: ${v.description}`, () => {
        const p = parsePsbt(hex(v.hex));
        expect(p.version, `${file}#valid${i} version`).toBe(file === 'bip370.json' ? 2 : 0);
        const r = reviewPsbt(hex(v.hex), { network: testnet, keys: root() });
        expect(r.inputs.length, `${file}#valid${i} inputs`).toBe(p.tx.inputsLength);
        expect(r.outputs.length, `${file}#valid${i} outputs`).toBe(p.tx.outputsLength);
      });
    });
  }
  (bip370.timelock_determination as V[]).forEach((v, i) => {
    it(`bip370.json#timelock${i}: ${v.description ?? '(no description)'} → ${v.expected_locktime}`, () => {
      if (v.expected_locktime === null) {
        expect(codeOf(() => parsePsbt(hex(v.hex))), `bip370.json#timelock${i}`).toBe('psbt/unparseable');
      } else {
        expect(reviewPsbt(hex(v.hex), { network: testnet, keys: root() }).lockTime, `bip370.json#timelock${i}`).toBe(v.expected_locktime);
      }
    });
  });
});

describe('BIP-174 signer checks', () => {
  (bip174.signer_fail as V[]).forEach((v, i) => {
    it(`bip174.json#signer_fail${i}: ${v.description} → nothing signed`, () => {
      const r = root();
      const c = codeOf(() => {
        const review = reviewPsbt(hex(v.hex), { network: testnet, keys: r });
        return signPsbt(hex(v.hex), r, review, { network: testnet });
      });
      expect(c, `bip174.json#signer_fail${i}`).not.toBe('ok');
      expect(c.startsWith('crash'), `bip174.json#signer_fail${i}: ${c}`).toBe(false);
    });
  });

  const roles = bip174.roles;
  const input = hex(roles.updater_sighash_all.expected_psbt_hex);
  (roles.signers as { keys: { path: string }[]; expected_psbt_hex: string }[]).forEach((s, i) => {
    it(`bip174.json#signers[${i}]: RFC 6979 signatures reproduce the expected PSBT byte for byte`, () => {
      const r = root();
      const review = reviewPsbt(input, { network: testnet, keys: r });
      expect(review.canSign, `signers[${i}] canSign`).toBe(true);
      const out = signPsbt(input, r, review, { network: testnet, onlyPaths: s.keys.map((k) => k.path) });
      expect(toHex(out.psbt), `bip174.json#signers[${i}]`).toBe(s.expected_psbt_hex);
      expect(out.signedInputs, `signers[${i}] inputs`).toEqual([0, 1]);
    });
  });

  it('bip174.json#combiner: signing with all four keys gives the combined PSBT\'s signatures', () => {
    const r = root();
    const review = reviewPsbt(input, { network: testnet, keys: r });
    expect(review.inputs.map((x) => x.signPaths), 'paths per input').toEqual([["m/0'/0'/0'", "m/0'/0'/1'"], ["m/0'/0'/2'", "m/0'/0'/3'"]]);
    const out = parsePsbt(signPsbt(input, r, review, { network: testnet }).psbt).tx;
    const want = parsePsbt(hex(roles.combiner.expected_psbt_hex)).tx;
    // scure writes partial signatures in key order, the BIP's combiner in arrival order: compare as sets
    const sigs = (t: typeof out, i: number) => (t.getInput(i).partialSig ?? []).map(([k, s]) => toHex(k) + ':' + toHex(s)).sort();
    for (const i of [0, 1]) expect(sigs(out, i), `bip174.json#combiner input ${i}`).toEqual(sigs(want, i));
    expect(sigs(out, 0).length + sigs(out, 1).length, 'four signatures').toBe(4);
  });

  it('bip174.json#finalizer+extractor: --finalize completes both multisig inputs', () => {
    const r = root();
    const review = reviewPsbt(input, { network: testnet, keys: r });
    const out = signPsbt(input, r, review, { network: testnet, finalize: true });
    expect(out.finalizedInputs, 'finalized').toEqual([0, 1]);
    expect(toHex(out.psbt), 'bip174.json#finalizer').toBe(roles.finalizer.expected_psbt_hex);
  });
});
