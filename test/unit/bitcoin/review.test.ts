/**
 * reviewPsbt: warnings and the attacks a compromised online machine can try, each its own test.
 * Fixtures are built with bitcoinjs-lib (fixtures.ts); amounts are chosen so fees are easy to read.
 */
import { describe, expect, it } from 'vitest';
import { reviewPsbt, type PsbtReview } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import {
  NET, THEIR_ADDRESS, bitcoin, buildPsbt, jsMultisig, jsRoot, ourRoot, other1, singlePath, toWallet, BNET,
} from './fixtures';
import { HDKey } from '@scure/bip32';
import { BIP32Factory } from 'bip32';
import * as ecc from '@bitcoinerlab/secp256k1';
import { codeOf } from '../support/error-code';

const codes = (r: PsbtReview) => r.warnings.map((w) => w.code);
const review = (p: bitcoin.Psbt | Uint8Array, wallets = [] as ReturnType<typeof toWallet>[], network = NET) =>
  reviewPsbt(p instanceof Uint8Array ? p : p.toBuffer(), { network, keys: ourRoot(), wallets });

describe('attacks', () => {
  it('change with our fingerprint paying another key is a payment (CHANGE_NOT_VERIFIED)', () => {
    const attackerScript = bitcoin.payments.p2wpkh({ pubkey: other1.derivePath('m/0/0').publicKey, network: BNET }).output!;
    const r = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 50_000n },
        { kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 0), value: 149_000n, payTo: attackerScript }]));
    expect(r.outputs[1], 'role').toMatchObject({ role: 'payment', changeNotVerified: true, path: null });
    expect(codes(r), 'warnings').toContain('CHANGE_NOT_VERIFIED');
    expect(r.sentSats, 'all of it counts as sent').toBe(199_000n);
  });

  it('change in another account than our inputs is not change', () => {
    const r = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }],
      [{ kind: 'change', type: 'p2wpkh', path: "m/84'/1'/7'/1/0", value: 199_000n }]));
    expect(r.outputs[0].role, 'other account').toBe('payment');
    expect(codes(r)).toContain('CHANGE_NOT_VERIFIED');
  });

  it('change with a script type other than its purpose implies is not change', () => {
    // m/84' path (P2WPKH) but a P2PKH script for the same key
    const node = jsRoot.derivePath(singlePath('p2wpkh', 1, 1));
    const pkh = bitcoin.payments.p2pkh({ pubkey: node.publicKey, network: BNET }).output!;
    const r = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }],
      [{ kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 1), value: 199_000n, payTo: pkh }]));
    expect(r.outputs[0].role, 'wrong script type').toBe('payment');
  });

  it('multisig change with a swapped cosigner key is not change', () => {
    const w = jsMultisig('p2wsh');
    const swapped = { ...w, keys: [w.keys[0], w.keys[1], { root: HDKeyLike(7), path: w.keys[2].path }] };
    const r = review(buildPsbt([{ kind: 'multi', wallet: w, value: 300_000n }],
      [{ kind: 'multi-change', wallet: w, chain: 1, index: 0, value: 299_000n, scriptFrom: swapped }]), [toWallet(w)]);
    expect(r.outputs[0].role, 'swapped key').toBe('payment');
    expect(codes(r)).toContain('CHANGE_NOT_VERIFIED');
    // and the honest version is change
    const ok = review(buildPsbt([{ kind: 'multi', wallet: w, value: 300_000n }],
      [{ kind: 'multi-change', wallet: w, chain: 1, index: 0, value: 299_000n }]), [toWallet(w)]);
    expect(ok.outputs[0].role, 'honest change').toBe('change');
  });

  it('witness UTXO amount contradicting the previous transaction is an error (psbt/utxo-mismatch)', () => {
    const psbt = buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 150_000n }]);
    const script = bitcoin.payments.p2wpkh({ pubkey: jsRoot.derivePath(singlePath('p2wpkh')).publicKey, network: BNET }).output!;
    psbt.updateInput(0, { witnessUtxo: { script, value: 150_001n } }); // claims less: fee would look like 1 sat
    expect(codeOf(() => review(psbt)), 'contradiction').toBe('psbt/utxo-mismatch');
  });

  it('non-witness UTXO whose txid is not the prevout is an error', () => {
    const psbt = buildPsbt([{ kind: 'single', type: 'p2pkh', value: 200_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 150_000n }]);
    const bytes = Buffer.from(psbt.toBuffer());
    const good = psbt.data.inputs[0].nonWitnessUtxo!;
    const forged = Buffer.from(good);
    forged[forged.length - 5] ^= 1; // change the prev tx (its locktime byte): txid no longer matches
    const i = bytes.indexOf(Buffer.from(good));
    forged.copy(bytes, i);
    expect(['psbt/utxo-mismatch', 'psbt/unparseable'], 'forged prev tx').toContain(codeOf(() => review(new Uint8Array(bytes))));
    expect(codeOf(() => review(new Uint8Array(bytes))), 'classified').toBe('psbt/utxo-mismatch');
  });

  it('testnet PSBT reviewed and signed with a mainnet key: NETWORK_MISMATCH and refused', () => {
    const bytes = buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer();
    const main = HDKey.fromMasterSeed(seedOf(), NETWORKS.mainnet.bip32);
    const r = reviewPsbt(bytes, { network: NETWORKS.mainnet, keys: main });
    expect(codes(r), 'warning').toContain('NETWORK_MISMATCH');
    expect(r.canSign, 'canSign').toBe(false);
    expect(codeOf(() => signPsbt(bytes, main, r, { network: NETWORKS.mainnet })), 'sign').toBe('psbt/network-mismatch');
  });

  it('inputs not ours: nothing signed, clear error (psbt/no-inputs-ours)', () => {
    const bytes = buildPsbt([{ kind: 'single', type: 'p2wpkh', owner: other1 }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer();
    const root = ourRoot();
    const r = reviewPsbt(bytes, { network: NET, keys: root });
    expect(r.canSign, 'canSign').toBe(false);
    expect(r.inputs[0].ours, 'ours').toBe(false);
    expect(codeOf(() => signPsbt(bytes, root, r, { network: NET })), 'sign').toBe('psbt/no-inputs-ours');
  });

  it('a derivation claiming our fingerprint with a key we do not derive is not ours', () => {
    const psbt = buildPsbt([{ kind: 'single', type: 'p2wpkh', owner: other1 }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]);
    psbt.data.inputs[0].bip32Derivation![0].masterFingerprint = jsRoot.fingerprint;
    const r = review(psbt);
    expect(r.inputs[0].ours, 'forged fingerprint').toBe(false);
  });
});

describe('warnings', () => {
  it('SEGWIT_UTXO_UNVERIFIED for a segwit v0 input with only a witness UTXO; fee flagged unverified', () => {
    const r = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', witnessOnly: true, value: 100_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 99_000n }]));
    expect(codes(r)).toContain('SEGWIT_UTXO_UNVERIFIED');
    expect(r.feeVerified, 'feeVerified').toBe(false);
    expect(r.feeSats, 'fee').toBe(1000n);
  });

  it('taproot with a witness UTXO only is not flagged (BIP-341 signs all amounts)', () => {
    const r = review(buildPsbt([{ kind: 'single', type: 'p2tr', value: 100_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 99_000n }]));
    expect(codes(r)).not.toContain('SEGWIT_UTXO_UNVERIFIED');
    expect(r.feeVerified).toBe(true);
  });

  it('MISSING_UTXO: input without UTXO data, fee unknown, input not signable', () => {
    const psbt = buildPsbt([{ kind: 'single', type: 'p2wpkh' }, { kind: 'single', type: 'p2wpkh', noUtxo: true }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]);
    const r = review(psbt);
    expect(codes(r)).toContain('MISSING_UTXO');
    expect(r.feeSats, 'fee').toBeNull();
    expect(r.inputs[1], 'input 1').toMatchObject({ ours: false, reason: 'missing-utxo', valueSats: null });
    expect(r.inputs[0].ours, 'input 0').toBe(true);
  });

  it('HIGH_FEE: absolute, percentage and rate thresholds', () => {
    const abs = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 100_000_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 98_000_000n }]));
    expect(codes(abs), 'absolute 0.02 BTC').toContain('HIGH_FEE');
    const pct = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 150_000n }, { kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 0), value: 30_000n }]));
    expect(pct.feeSats).toBe(20_000n);
    expect(codes(pct), '20000 sat is 13% of 150000').toContain('HIGH_FEE');
    const fine = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 1_000_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 995_000n }]));
    expect(codes(fine), '5000 sat fee').not.toContain('HIGH_FEE');
    const rate = review(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 100_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 20_000n }, { kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 0), value: 1_000n }]));
    expect(rate.feeRateSatVb! > 500, 'rate').toBe(true);
    expect(codes(rate)).toContain('HIGH_FEE');
  });

  it('OP_RETURN shows its data; LOCKTIME only when enforced; RBF', () => {
    const data = new TextEncoder().encode('hello');
    const r = review(buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'op-return', data }, { kind: 'address', address: THEIR_ADDRESS, value: 90_000n }], { locktime: 850_000, sequence: 0xfffffffd }));
    expect(r.outputs[0]).toMatchObject({ role: 'op-return', dataHex: '68656c6c6f' });
    const op = r.warnings.find((w) => w.code === 'OP_RETURN')!;
    expect(op.message, 'data shown').toContain('hello');
    const lt = r.warnings.find((w) => w.code === 'LOCKTIME')!;
    expect(lt.message, 'height').toContain('850000');
    expect(codes(r)).toContain('RBF');
    const notEnforced = review(buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }], { locktime: 850_000, sequence: 0xffffffff }));
    expect(codes(notEnforced), 'final sequences').not.toContain('LOCKTIME');
    const date = review(buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }], { locktime: 1_700_000_000, sequence: 0xfffffffe }));
    expect(date.warnings.find((w) => w.code === 'LOCKTIME')!.message, 'date').toContain('2023-11-14');
  });

  it('sum of inputs = sum of outputs + fee (property over a mixed PSBT)', () => {
    const w = jsMultisig('p2wsh');
    const r = review(buildPsbt([{ kind: 'single', type: 'p2pkh', value: 50_000n }, { kind: 'single', type: 'p2tr', value: 70_000n }, { kind: 'multi', wallet: w, value: 90_000n }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 100_000n }, { kind: 'change', type: 'p2pkh', path: singlePath('p2pkh', 1, 9), value: 50_000n }, { kind: 'multi-change', wallet: w, chain: 1, index: 4, value: 55_000n }]), [toWallet(w)]);
    expect(r.inputSats, 'inputs').toBe(210_000n);
    expect(r.inputSats, 'balance').toBe(r.sentSats + r.changeSats + r.feeSats!);
    expect(r.outputs.map((o) => o.role), 'roles').toEqual(['payment', 'change', 'change']);
  });
});

function seedOf(): Uint8Array {
  return new Uint8Array(Buffer.from('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4', 'hex'));
}

// an unrelated bip32 root for the swapped-key attack
function HDKeyLike(n: number) {
  return BIP32Factory(ecc).fromSeed(new Uint8Array(32).fill(n), BNET);
}
