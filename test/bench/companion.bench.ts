/**
 * Companion benchmarks (issue 6): address derivation (1,000 receive addresses per script type, from the
 * account xpub as the watch-only app does), coin selection + PSBT construction for a 500-UTXO wallet
 * (full previous transactions attached), and the QR round-trip time for a 2-input PSBT at default settings:
 * frames of the animator at the default density (DENSITY_PRESETS.normal, DEFAULT_FPS) for the unsigned
 * PSBT out and the signed PSBT back, one full cycle each, plus measured decode of those frames by our
 * assembler (the per-frame worker QR decode is measured in qr.bench.ts).
 */
import { RawTx } from '@scure/btc-signer';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { measure, fmtMs, printTable } from './util';
import { NETWORKS } from '../../shared/bitcoin/networks';
import { deriveAccount } from '../../shared/keys/accounts';
import { accountKey, buildSendPsbt, deriveOutput, type WatchAccount, type WalletUtxo } from '../../shared/bitcoin/build-psbt';
import { selectCoins } from '../../shared/bitcoin/coin-select';
import { reviewPsbt } from '../../shared/bitcoin/review';
import { signPsbt } from '../../shared/bitcoin/sign';
import { createAnimator, DEFAULT_DENSITY, DEFAULT_FPS, DENSITY_PRESETS } from '../../shared/ur/animator';
import { createAssembler } from '../../shared/ur/assembler';
import { encodePsbtCbor } from '../../shared/ur/registry';
import { deriveAddresses } from '../../companion/src/watch/btc-sync';
import type { BtcWatchAccount } from '../../companion/src/watch/types';
import type { SingleSigScriptType } from '../../shared/bitcoin/address';

const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
const NET = NETWORKS.regtest;
const THEIRS = 'bcrt1q6rhpng9evdsfnn833a4f4vej0asu6dk5srld6x';

function watch(type: SingleSigScriptType): BtcWatchAccount & WatchAccount {
  const a = deriveAccount(root, NET, type);
  return { kind: 'btc', id: type, label: type, network: 'regtest', scriptType: type, fingerprint: a.fingerprint, path: a.path, xpub: a.xpub };
}

function utxos(acc: WatchAccount, n: number): WalletUtxo[] {
  const key = accountKey(acc);
  return Array.from({ length: n }, (_, i) => {
    const out = deriveOutput(key, acc, 0, i % 50);
    const prevId = new Uint8Array(32);
    prevId[0] = i & 0xff;
    prevId[1] = i >> 8;
    const valueSats = BigInt(20_000 + i * 37);
    const prevTx = RawTx.encode({
      version: 2, segwitFlag: false, lockTime: 0,
      inputs: [{ txid: prevId, index: 0, finalScriptSig: new Uint8Array([0x51]), sequence: 0xffffffff }],
      outputs: [{ script: out.script, amount: valueSats }],
    });
    return { txid: bytesToHex(sha256(sha256(prevTx)).reverse()), vout: 0, valueSats, confirmed: true, chain: 0, index: i % 50, prevTx };
  });
}

export async function run(): Promise<void> {
  const d: (string | number)[][] = [['script type', '1,000 addresses ms', 'per address µs']];
  for (const type of ['p2wpkh', 'p2tr', 'p2sh-p2wpkh', 'p2pkh'] as SingleSigScriptType[]) {
    const acc = watch(type);
    const st = await measure(() => deriveAddresses(acc, 0, 0, 1000), 3, 1);
    d.push([type, fmtMs(st.medianMs), (st.medianMs).toFixed(0)]);
  }
  printTable('Address derivation from the account xpub (median of 3)', d);

  const acc = watch('p2wpkh');
  const rows: (string | number)[][] = [['wallet', 'send', 'coin selection ms', 'build PSBT ms', 'inputs', 'PSBT bytes']];
  for (const n of [50, 500]) {
    const us = utxos(acc, n);
    for (const [label, amount, max] of [['0.005 BTC', 500_000n, false], ['max', 0n, true]] as [string, bigint, boolean][]) {
      const payments = [{ script: accountKey(acc) && deriveOutput(accountKey(acc), acc, 0, 999).script, amountSats: amount }];
      const sel = await measure(() => selectCoins({ coins: us.map((u) => ({ id: `${u.txid}:0`, valueSats: u.valueSats, type: 'p2wpkh', confirmed: true })), payments, changeScript: payments[0].script, feeRateSatVb: 5, max }), 3, 1);
      let built: ReturnType<typeof buildSendPsbt> | undefined;
      const b = await measure(() => (built = buildSendPsbt({ account: acc, utxos: us, recipients: [{ address: THEIRS, amountSats: amount }], max, feeRateSatVb: 5, changeIndex: 0 })), max ? 2 : 3, 1);
      rows.push([`${n} UTXOs`, label, fmtMs(sel.medianMs), fmtMs(b.medianMs), built!.inputs.length, built!.psbt.length]);
    }
  }
  printTable('Coin selection + PSBT construction (P2WPKH, full previous transactions attached)', rows);

  // QR round trip for a 2-input PSBT at default settings.
  const two = utxos(acc, 2).map((u, i) => ({ ...u, valueSats: u.valueSats, index: i }));
  const built = buildSendPsbt({ account: acc, utxos: two, recipients: [{ address: THEIRS, amountSats: 30_000n }], feeRateSatVb: 2, changeIndex: 0 });
  const signed = signPsbt(built.psbt, root, reviewPsbt(built.psbt, { network: NET, keys: root }), { network: NET }).psbt;
  const frag = DENSITY_PRESETS[DEFAULT_DENSITY];
  const q: (string | number)[][] = [['leg', 'bytes', 'frames (1 cycle)', `show time at ${DEFAULT_FPS} fps s`, 'assembler decode ms']];
  let total = 0;
  for (const [leg, bytes] of [['companion → station (unsigned)', built.psbt], ['station → companion (signed)', signed]] as [string, Uint8Array][]) {
    const anim = createAnimator('crypto-psbt', encodePsbtCbor(bytes), { maxFragmentLength: frag });
    const frames = Array.from({ length: anim.partCount }, () => anim.nextFrame());
    const dec = await measure(() => {
      const a = createAssembler({ accept: ['crypto-psbt'] });
      for (const f of frames) a.push(f);
    }, 5, 1);
    const showS = anim.partCount / DEFAULT_FPS;
    total += showS + dec.medianMs / 1000;
    q.push([leg, bytes.length, anim.partCount, showS.toFixed(1), fmtMs(dec.medianMs)]);
  }
  q.push(['total (QR transport only, one clean pass each way)', '', '', '', `${total.toFixed(2)} s`]);
  printTable(`QR round trip, 2-input P2WPKH PSBT, density ${DEFAULT_DENSITY} (${frag} B/fragment)`, q);
}
