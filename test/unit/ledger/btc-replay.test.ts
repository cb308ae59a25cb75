/**
 * shared/ledger/btc.ts against LedgerHQ's recorded Bitcoin-app sessions (test/vectors/ledger), replayed
 * through the real @ledgerhq/ledger-bitcoin client: every APDU our adapter sends must equal the recorded
 * one (the replayer throws otherwise) and the results must equal the recorded ones. Error cases replace
 * one recorded answer by a status word: those sessions are SYNTHETIC and labelled so.
 */
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { fromBase64, toHex } from '../../../shared/bytes';
import { AppError } from '../../../shared/errors';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { parsePsbt } from '../../../shared/bitcoin/psbt';
import {
  checkBtcApp, mergeLedgerSignatures, policyId, readXpub, registerPolicy, runLedgerSignPsbt, signPsbtOnLedger, toLedgerPsbtV2, type LedgerPolicy,
} from '../../../shared/ledger/btc';
import { load, replayer, syntheticStatusAt, unplugAfter } from './replay';

const SIGN = 'btc-sign-psbt.json';
const WP = 'btc-wallet-policy.json';
const sp = load(SIGN);
const wp = load(WP);
const testnet = NETWORKS.testnet;
const policyOf = (c: { policy: LedgerPolicy }): LedgerPolicy => ({ name: c.policy.name, descriptorTemplate: c.policy.descriptorTemplate, keys: c.policy.keys });
/** Test-side reading of a PSBT's maps as sorted [key hex, value hex] lists (global, inputs…, outputs…). */
function psbtMaps(b: Uint8Array): [string, string][][] {
  let at = 5;
  const varint = () => {
    const x = b[at++];
    if (x < 0xfd) return x;
    const v = b[at] | (b[at + 1] << 8);
    at += 2;
    return v;
  };
  const maps: [string, string][][] = [];
  while (at < b.length) {
    const m: [string, string][] = [];
    for (let kl = varint(); kl !== 0; kl = varint()) {
      const k = toHex(b.subarray(at, at + kl));
      at += kl;
      const vl = varint();
      m.push([k, toHex(b.subarray(at, at + vl))]);
      at += vl;
    }
    maps.push(m.sort((x, y) => (x[0] < y[0] ? -1 : 1)));
  }
  return maps;
}
const code = async (p: Promise<unknown>) => p.then(() => 'resolved', (e) => (e instanceof AppError ? e.code : `non-AppError ${String(e)}`));

/** The sh-wpkh case's single account, as a hardware key entry stores it. */
const shKeys = () => {
  const k: string = sp.cases[0].policy.keys[0];
  const m = /^\[f5acc2fd(\/.*)\](.*)$/.exec(k)!;
  return { fingerprint: 'f5acc2fd', accounts: [{ path: 'm' + m[1], xpub: m[2], scriptType: 'p2sh-p2wpkh' as const }], registered: [] };
};

describe('PSBT conversion and signing replay (btc-sign-psbt.json, recorded)', () => {
  for (const [i, c] of sp.cases.entries()) {
    it(`${SIGN}#${i} ${c.id}: toLedgerPsbtV2(psbtV0) has exactly the recorded psbtV2's key-value maps`, () => {
      // The device commits to merkleized maps with sorted keys: record order is irrelevant, content is not.
      const got = psbtMaps(toLedgerPsbtV2(fromBase64(c.psbtV0)));
      expect(got).toEqual(psbtMaps(fromBase64(c.psbtV2)));
      expect(got[0].map(([k]) => k)).not.toContain('06'); // PSBT_GLOBAL_TX_MODIFIABLE removed
    });
    it(`${SIGN}#${i} ${c.id}: SIGN_PSBT replays to the recorded partial signatures, merged and checked`, async () => {
      const t = await replayer(c.exchanges);
      const sigs = await runLedgerSignPsbt(t, testnet, toLedgerPsbtV2(fromBase64(c.psbtV0)), policyOf(c), c.walletHmac);
      expect(sigs.map((s) => ({ input: s.inputIndex, pubkey: toHex(s.pubkey), signature: toHex(s.signature), tapleafHash: s.tapleafHash ? toHex(s.tapleafHash) : null })))
        .toEqual(c.expected.map((e: Record<string, unknown>) => ({ input: e.input, pubkey: e.pubkey, signature: e.signature, tapleafHash: e.tapleafHash })));
      const merged = mergeLedgerSignatures(fromBase64(c.psbtV0), sigs, [0]);
      expect(merged.signedInputs).toEqual([0]);
      const inp = parsePsbt(merged.psbt).tx.getInput(0);
      const e = c.expected[0];
      if (e.tapleafHash) expect(toHex(inp.tapScriptSig![0][1])).toBe(e.signature);
      else expect(toHex(inp.partialSig![0][1])).toBe(e.signature);
      expect(parsePsbt(merged.psbt).version).toBe(0);
    });
  }

  it(`${SIGN}#0: the whole reviewed path — review from the account xpub, sign on device, merge — returns the recorded signature`, async () => {
    const c = sp.cases[0];
    const keys = shKeys();
    const psbt = fromBase64(c.psbtV0);
    const review = reviewPsbt(psbt, { network: testnet, keys });
    expect(review.inputs[0].ours).toBe(true);
    const res = await signPsbtOnLedger(await replayer(c.exchanges), psbt, review, keys, { network: testnet });
    expect(res.signedInputs).toEqual([0]);
    expect(toHex(parsePsbt(res.psbt).tx.getInput(0).partialSig![0][1])).toBe(c.expected[0].signature);
  });

  it('signature merge refuses inputs the review did not mark ours (ledger signature dropped)', async () => {
    const c = sp.cases[0];
    const sigs = await runLedgerSignPsbt(await replayer(c.exchanges), testnet, fromBase64(c.psbtV2), policyOf(c), null);
    expect(mergeLedgerSignatures(fromBase64(c.psbtV0), sigs, []).signedInputs).toEqual([]);
  });

  it('a device signature that does not verify for the input is refused (ledger/bad-signature)', async () => {
    const c = sp.cases[0];
    const sigs = await runLedgerSignPsbt(await replayer(c.exchanges), testnet, fromBase64(c.psbtV2), policyOf(c), null);
    const bad = sigs.map((s) => ({ ...s, signature: s.signature.map((b, j) => (j === 10 ? b ^ 1 : b)) }));
    expect(() => mergeLedgerSignatures(fromBase64(c.psbtV0), bad, [0])).toThrow(expect.objectContaining({ code: 'ledger/bad-signature' }));
  });

  it('a changed PSBT after review is refused before the device is asked (psbt/review-changed)', async () => {
    const c = sp.cases[0];
    const keys = shKeys();
    const review = reviewPsbt(fromBase64(c.psbtV0), { network: testnet, keys });
    const other = { ...review, feeSats: (review.feeSats ?? 0n) + 1n };
    expect(await code(signPsbtOnLedger(await replayer([]), fromBase64(c.psbtV0), other, keys, { network: testnet }))).toBe('psbt/review-changed');
  });
});

describe('device errors during signing (SYNTHETIC: one recorded answer replaced by a status word)', () => {
  const c = sp.cases[0];
  const v2 = () => fromBase64(c.psbtV2);
  it('user rejects on the device (0x6985) → ledger/rejected', async () => {
    const t = await replayer(syntheticStatusAt(c.exchanges, 40, '6985'));
    expect(await code(runLedgerSignPsbt(t, testnet, v2(), policyOf(c), null))).toBe('ledger/rejected');
  });
  it('device locked (0x5515) → ledger/locked', async () => {
    expect(await code(runLedgerSignPsbt(await replayer(syntheticStatusAt(c.exchanges, 0, '5515')), testnet, v2(), policyOf(c), null))).toBe('ledger/locked');
  });
  for (const sw of ['6e00', '6d00', '6511']) {
    it(`wrong app open (0x${sw}) → ledger/wrong-app naming "Bitcoin Test"`, async () => {
      const err = await runLedgerSignPsbt(await replayer(syntheticStatusAt(c.exchanges, 0, sw)), testnet, v2(), policyOf(c), null).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect([err.code, err.detail]).toEqual(['ledger/wrong-app', { app: 'Bitcoin Test' }]);
    });
  }
  it('unplugged in the middle of the session → ledger/disconnected', async () => {
    const t = unplugAfter(await replayer(c.exchanges), 25);
    expect(await code(runLedgerSignPsbt(t, testnet, v2(), policyOf(c), null))).toBe('ledger/disconnected');
  });
  it('registered policy whose HMAC the device refuses (0xb008) → ledger/hmac-mismatch', async () => {
    const liana = sp.cases[1];
    const badHmac = '11'.repeat(32);
    const first = (liana.exchanges[0] as string).replace(liana.walletHmac, badHmac);
    expect(first).not.toBe(liana.exchanges[0]);
    const t = await replayer([first, '<= b008']);
    expect(await code(runLedgerSignPsbt(t, testnet, fromBase64(liana.psbtV2), policyOf(liana), badHmac))).toBe('ledger/hmac-mismatch');
  });
});

describe('app, xpubs and policy registration replay (btc-wallet-policy.json, recorded)', () => {
  it(`${WP} appAndVersion: "Bitcoin Test" 2.1.0 passes the ≥ 2.1 check`, async () => {
    expect(await checkBtcApp(await replayer(wp.appAndVersion.exchanges), testnet)).toEqual({ name: wp.appAndVersion.expected.name, version: wp.appAndVersion.expected.version });
  });
  it(`${WP} appAndVersion on mainnet settings: the test app is the wrong app`, async () => {
    expect(await code(checkBtcApp(await replayer(wp.appAndVersion.exchanges), NETWORKS.mainnet))).toBe('ledger/wrong-app');
  });
  it('SYNTHETIC: Bitcoin Test 2.0.6 → ledger/app-too-old', async () => {
    const name = Buffer.from('Bitcoin Test').toString('hex');
    const ver = Buffer.from('2.0.6').toString('hex');
    const t = await replayer(['=> b001000000', `<= 010c${name}05${ver}01009000`]);
    expect(await code(checkBtcApp(t, testnet))).toBe('ledger/app-too-old');
  });
  for (const [i, g] of wp.getExtendedPubkey.entries()) {
    if (g.display) continue; // readXpub is silent (display=false) by design
    it(`${WP}#getExtendedPubkey ${i} ${g.derivation_path}: recorded xpub`, async () => {
      const net = g.result.startsWith('xpub') ? NETWORKS.mainnet : testnet;
      expect(await readXpub(await replayer(g.exchanges), net, g.derivation_path)).toBe(g.result);
    });
  }
  it(`${WP}#registerWallet "Cold storage": composed recorded session returns the recorded id and HMAC`, async () => {
    const r = wp.registerWallet;
    const addr = wp.getWalletAddress[1].exchanges.map((l: string, i: number) => (i === 0 ? l.slice(0, 13) + '00' + l.slice(15) : l));
    const t = await replayer([...r.exchanges, ...addr, ...wp.appAndVersion.exchanges, ...wp.appAndVersion.exchanges]);
    const policy = { name: r.name, descriptorTemplate: r.descriptorTemplate, keys: r.keys };
    expect(policyId(policy)).toBe(r.expected.walletId);
    const reg = await registerPolicy(t, testnet, policy, 'descriptor-text');
    expect([reg.walletId, reg.hmac]).toEqual([r.expected.walletId, r.expected.walletHmac]);
  });
  it('SYNTHETIC: user declines the policy on the device → ledger/rejected', async () => {
    const r = wp.registerWallet;
    const t = await replayer(syntheticStatusAt(r.exchanges, 5, '6985'));
    expect(await code(registerPolicy(t, testnet, { name: r.name, descriptorTemplate: r.descriptorTemplate, keys: r.keys }, 'd'))).toBe('ledger/rejected');
  });
});
