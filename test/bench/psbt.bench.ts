/**
 * PSBT review+sign time vs inputs (1, 10, 100, 500 P2WPKH; 100 P2TR), against bitcoinjs-lib signing the
 * same PSBT in the same run (ratio = ours / bitcoinjs). The per-input column shows whether cost grows
 * linearly. PSBTs are built with bitcoinjs-lib (test/unit/bitcoin/fixtures.ts), witness UTXO only for
 * P2TR and full previous transactions for P2WPKH.
 */
import { measure, fmtMs, printTable } from './util';
import { reviewPsbt } from '../../shared/bitcoin/review';
import { signPsbt } from '../../shared/bitcoin/sign';
import { NET, THEIR_ADDRESS, bitcoin, buildPsbt, jsRoot, ourRoot, singlePath, type SingleType } from '../unit/bitcoin/fixtures';

function build(type: SingleType, n: number): bitcoin.Psbt {
  const inputs = Array.from({ length: n }, (_, i) => ({ kind: 'single' as const, type, path: singlePath(type, 0, i), value: 10_000n }));
  return buildPsbt(inputs, [{ kind: 'address', address: THEIR_ADDRESS, value: BigInt(n) * 10_000n - 5_000n }]);
}

function jsSign(psbt: bitcoin.Psbt, type: SingleType, n: number): void {
  const p = psbt.clone();
  for (let i = 0; i < n; i++) {
    const node = jsRoot.derivePath(singlePath(type, 0, i));
    if (type === 'p2tr') {
      const tweaked = node.tweak(bitcoin.crypto.taggedHash('TapTweak', node.publicKey.subarray(1)));
      p.signInput(i, tweaked);
    } else p.signInput(i, node);
  }
}

export async function run(): Promise<void> {
  const rows: (string | number)[][] = [['inputs', 'type', 'airlock review+sign ms', 'per input ms', 'bitcoinjs sign ms', 'ratio']];
  for (const [type, n, runs] of [['p2wpkh', 1, 5], ['p2wpkh', 10, 5], ['p2wpkh', 100, 3], ['p2wpkh', 500, 2], ['p2tr', 100, 3]] as [SingleType, number, number][]) {
    const psbt = build(type, n);
    const bytes = psbt.toBuffer();
    const ours = await measure(() => {
      const root = ourRoot();
      const review = reviewPsbt(bytes, { network: NET, keys: root });
      const out = signPsbt(bytes, root, review, { network: NET });
      if (out.signedInputs.length !== n) throw new Error('not all inputs signed');
    }, runs, 1);
    const theirs = await measure(() => jsSign(psbt, type, n), runs, 1);
    rows.push([n, type, fmtMs(ours.medianMs), fmtMs(ours.medianMs / n), fmtMs(theirs.medianMs), (ours.medianMs / theirs.medianMs).toFixed(2)]);
  }
  printTable('PSBT review+sign (median) vs bitcoinjs-lib sign (key derivation included on both sides)', rows);
}
