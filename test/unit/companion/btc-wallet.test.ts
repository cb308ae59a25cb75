/**
 * Companion Bitcoin path without a browser: the Esplora client (companion/src/net/esplora.ts) against the
 * in-memory Esplora test double over real HTTP → gap-limit sync → prepareBtcSend (previous transactions
 * fetched) → the station's review/sign → acceptSignedPsbt → broadcast; the double verifies signatures and
 * that exactly the UTXOs it gave were spent. Plus error mapping with fake fetches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { AppError } from '../../../shared/errors';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { deriveAccount } from '../../../shared/keys/accounts';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import { createEsploraClient } from '../../../companion/src/net/esplora';
import type { FetchFn } from '../../../companion/src/net/types';
import { deriveAddresses, syncBtcAccount } from '../../../companion/src/watch/btc-sync';
import { feeSuggestions, prepareBtcSend } from '../../../companion/src/flows/build-psbt/prepare';
import { acceptSignedPsbt } from '../../../companion/src/flows/scan-signed/signed';
import { broadcastBtc } from '../../../companion/src/flows/broadcast/broadcast';
import type { BtcWatchAccount } from '../../../companion/src/watch/types';
import { startEsploraServer, type EsploraDouble } from '../../e2e/support/esplora-server';

const NET = NETWORKS.regtest;
const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
const THEIRS = 'bcrt1q6rhpng9evdsfnn833a4f4vej0asu6dk5srld6x';

function account(type: 'p2wpkh' | 'p2tr'): BtcWatchAccount {
  const a = deriveAccount(root, NET, type);
  return { kind: 'btc', id: `t-${type}`, label: type, network: 'regtest', scriptType: type, fingerprint: a.fingerprint, path: a.path, xpub: a.xpub };
}

let srv: EsploraDouble;
beforeAll(async () => {
  srv = await startEsploraServer();
});
afterAll(async () => {
  await srv.close();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : `crash:${String(e)}`;
  }
}

describe('Esplora client + sync + send against the in-memory Esplora double', () => {
  for (const type of ['p2wpkh', 'p2tr'] as const) {
    it(`${type}: gap-limit sync finds coins past a gap, send spends exactly the server's UTXOs, broadcast accepted`, async () => {
      const acc = account(type);
      const recv = deriveAddresses(acc, 0, 0, 30);
      const change = deriveAddresses(acc, 1, 0, 3);
      srv.fund(recv[0], 120_000n);
      srv.fund(recv[15], 70_000n); // 14 unused addresses in between: inside a gap limit of 20
      srv.fund(change[1], 30_000n, false); // unconfirmed change
      srv.fund(recv[29], 999_000n); // beyond a gap limit of 5 after index 15 → invisible with gapLimit 5
      const backend = createEsploraClient(srv.url, (u, i) => fetch(u, i));
      const small = await syncBtcAccount(acc, backend, { gapLimit: 5, now: 1 });
      expect(small.confirmedSats, `${type}: gap 5 stops after index 0`).toBe(120_000n);
      const snap = await syncBtcAccount(acc, backend, { gapLimit: 20, now: 2 });
      expect(snap.confirmedSats, type).toBe(120_000n + 70_000n + 999_000n);
      expect(snap.pendingSats, type).toBe(30_000n);
      expect(snap.nextReceive.index, type).toBe(30);
      expect(snap.nextChangeIndex, type).toBe(2);
      expect(snap.history, type).toHaveLength(4);

      const fees = feeSuggestions(await backend.feeEstimates());
      expect(fees.fast).toBeGreaterThanOrEqual(fees.normal);
      const built = await prepareBtcSend(acc, snap, backend, { recipients: [{ address: THEIRS, amountSats: 1_100_000n }], max: false, feeRateSatVb: fees.normal });
      const review = reviewPsbt(built.psbt, { network: NET, keys: root });
      expect(review.inputs.every((i) => i.ours && i.utxo === 'full'), type).toBe(true);
      expect(review.outputs.find((o) => o.role === 'change')?.path, type).toBe(`${acc.path}/1/2`);
      const signed = signPsbt(built.psbt, root, review, { network: NET }).psbt;
      const fin = acceptSignedPsbt(built.psbt, signed, 'regtest');
      const before = new Map([...recv, ...change].flatMap((a) => [...srv.utxos(a)]));
      const txid = await broadcastBtc(backend, fin.hex, fin.txid);
      expect(txid, type).toBe(fin.txid);
      const acc1 = srv.accepted.at(-1)!;
      expect(acc1.txid, type).toBe(txid);
      for (const s of acc1.spent) expect(before.has(s), `${type}: spends a UTXO the server gave: ${s}`).toBe(true);
      // a second broadcast of the same coins is a double spend: the node's reason reaches the user
      const again = await codeOf(broadcastBtc(backend, fin.hex, fin.txid));
      expect(again, type).toBe('net/broadcast-rejected');
      srv.mine();
    });
  }

  it('a broadcast rejected by the node carries the node reason', async () => {
    const backend = createEsploraClient(srv.url, (u, i) => fetch(u, i));
    srv.rejectNext('min relay fee not met, 100 < 141');
    try {
      await backend.broadcast('00');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('net/broadcast-rejected');
      expect(String((e as AppError).detail?.reason)).toContain('min relay fee not met');
    }
    expect(await codeOf(backend.broadcast('zz'))).toBe('net/broadcast-rejected');
  });
});

describe('Esplora client error mapping (fake fetch)', () => {
  const reply = (status: number, body: string): FetchFn => async () => ({ ok: status < 400, status, text: async () => body });
  it('unreachable, HTTP error, not JSON, malformed txid answer', async () => {
    const down: FetchFn = async () => {
      throw new TypeError('Failed to fetch');
    };
    const e1 = await createEsploraClient('https://esplora.example/api', down).tipHeight().catch((e) => e);
    expect(e1.code).toBe('net/unreachable');
    expect(e1.detail.host).toBe('esplora.example');
    expect(await codeOf(createEsploraClient('https://x.example', reply(502, 'bad gateway')).feeEstimates())).toBe('net/bad-response');
    expect(await codeOf(createEsploraClient('https://x.example', reply(200, '<html>')).addressStats('a'))).toBe('net/bad-response');
    expect(await codeOf(createEsploraClient('https://x.example', reply(200, 'not-a-txid')).broadcast('00'))).toBe('net/bad-response');
    expect(await codeOf(createEsploraClient('https://x.example', reply(200, 'zz')).txRaw('00'.repeat(32)))).toBe('net/bad-response');
  });
});
