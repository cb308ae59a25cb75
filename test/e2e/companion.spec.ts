/**
 * Companion PWA in Chromium (issue 6):
 * (a) pair by QR — the station's ur:crypto-account for the test key (regtest), generated here with the
 *     shared encoder, plays on the FAKE WEBCAM; the companion syncs from the in-memory Esplora double
 *     (test/e2e/support/esplora-server.ts) and shows the balance and a fresh receive address; a send is
 *     built and its animated ur:crypto-psbt is read back by zbarimg: the PSBT spends only UTXOs the
 *     server gave, and the station's own review sees every input as ours with full UTXO data and the
 *     change verified.
 * (b) a secret pasted anywhere is refused and cleared; (c) after the first load the app shell loads
 *     OFFLINE (service worker) with the accounts and cached balance, and the unreachable server is
 *     explained with a Retry button.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import * as bitcoin from 'bitcoinjs-lib';
import { withSession } from './support/browser';
import { installCameraSwitch, pasteLines, readAnimatedQr, setCameraBlocked, TEST_MNEMONIC } from './support/station';
import { accountVideo, pairCompanion } from './support/companion';
import { startEsploraServer, type EsploraDouble } from './support/esplora-server';
import { NETWORKS } from '../../shared/bitcoin/networks';
import { deriveStandardAccounts } from '../../shared/keys/accounts';
import { reviewPsbt } from '../../shared/bitcoin/review';
import { signPsbt } from '../../shared/bitcoin/sign';
import { encodeUrParts } from '../../shared/ur/animator';
import { encodePsbtCbor } from '../../shared/ur/registry';
import { Transaction } from '@scure/btc-signer';
import { deriveAddresses } from '../../companion/src/watch/btc-sync';

const root = HDKey.fromMasterSeed(mnemonicToSeedSync(TEST_MNEMONIC));
const accounts = deriveStandardAccounts(root, NETWORKS.regtest);
const bip84 = accounts.find((a) => a.scriptType === 'p2wpkh')!;
const THEIRS = 'bcrt1q6rhpng9evdsfnn833a4f4vej0asu6dk5srld6x';

let srv: EsploraDouble;
beforeAll(async () => {
  srv = await startEsploraServer();
});
afterAll(async () => {
  await srv?.close();
});

describe('companion PWA', () => {
  it('(a) pairs by webcam, shows balance and receive QR from Esplora, builds a send whose QR zbarimg reads', async () => {
    const recv = deriveAddresses({ kind: 'btc', id: 'x', label: 'x', network: 'regtest', scriptType: 'p2wpkh', fingerprint: bip84.fingerprint, path: bip84.path, xpub: bip84.xpub }, 0, 0, 3);
    const given = [srv.fund(recv[0], 250_000n), srv.fund(recv[1], 80_000n)].map((u) => `${u.txid}:${u.vout}`);
    await withSession('companion-pair', { fakeVideo: accountVideo('companion-account') }, async (s) => {
      const { page } = s;
      await installCameraSwitch(page, false);
      await pairCompanion(page, inject('companionUrl'), srv.url, (n) => s.screenshot(n));
      await page.getByRole('button', { name: /Bitcoin regtest Native SegWit/ }).click();
      await page.locator('[data-testid="balance"][data-sats="330000"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid="receive-address"] code').getAttribute('data-value')).toBe(recv[2]);
      await s.screenshot('companion-02-account-balance');

      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByLabel('Recipient address').fill(THEIRS);
      await page.getByLabel('Amount (BTC)').fill('0.003');
      await page.getByLabel('Fee rate (sat/vB)').fill('2');
      await s.screenshot('companion-03-send-form');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.locator('[data-step="review"]').waitFor();
      expect(await page.locator('tr[data-role="payment"] td[data-sats]').getAttribute('data-sats')).toBe('300000');
      expect(await page.locator('tr[data-role="change"]').count()).toBe(1);
      await s.screenshot('companion-04-review');
      await page.getByRole('button', { name: 'Show to the station' }).click();
      const canvas = page.locator('figure.animated-qr canvas');
      await canvas.waitFor();
      await s.screenshot('companion-05-psbt-qr');
      const { payload, reads } = await readAnimatedQr(canvas, ['crypto-psbt'], 'companion-psbt');
      if (payload.kind !== 'psbt') throw new Error(`QR carried ${payload.kind}`);
      console.log(`companion PSBT ${payload.bytes.length} bytes read back in ${reads} zbarimg reads`);

      const psbt = bitcoin.Psbt.fromBuffer(Buffer.from(payload.bytes), { network: bitcoin.networks.regtest });
      const spent = psbt.txInputs.map((i) => `${Buffer.from(i.hash).reverse().toString('hex')}:${i.index}`);
      for (const o of spent) expect(given, `input ${o} is a UTXO the server gave`).toContain(o);
      expect(psbt.txInputs.every((i) => i.sequence === 0xfffffffd), 'RBF on').toBe(true);
      expect(psbt.data.inputs.every((i) => i.nonWitnessUtxo && i.witnessUtxo && i.bip32Derivation?.[0].masterFingerprint), 'full UTXO data + origins').toBe(true);
      const review = reviewPsbt(payload.bytes, { network: NETWORKS.regtest, keys: root });
      expect(review.inputs.every((i) => i.ours && i.utxo === 'full')).toBe(true);
      expect(review.outputs.map((o) => o.role)).toEqual(['payment', 'change']);
      expect(review.outputs[0].valueSats).toBe(300_000n);

      // The answer comes back (pasted here; the webcam path is roundtrip.spec.ts). First a signed PSBT of
      // ANOTHER transaction (one output changed): refused as not the one sent; then the right one.
      const signUr = (bytes: Uint8Array) => encodeUrParts('crypto-psbt', encodePsbtCbor(signPsbt(bytes, root, reviewPsbt(bytes, { network: NETWORKS.regtest, keys: root }), { network: NETWORKS.regtest }).psbt));
      const other = Transaction.fromPSBT(payload.bytes);
      other.updateOutput(0, { amount: 290_000n });
      await setCameraBlocked(page, true);
      await page.getByRole('button', { name: 'Scan the signed transaction' }).click();
      await pasteLines(page, signUr(other.toPSBT(0)));
      const mismatch = page.locator('.error-panel[data-error-code="wallet/signed-psbt-mismatch"]');
      await mismatch.waitFor();
      expect(await mismatch.innerText()).toContain('not the one you sent to the station');
      await s.screenshot('companion-08-signed-mismatch');
      await pasteLines(page, signUr(payload.bytes));
      await page.getByTestId('final-tx').waitFor();
      await s.screenshot('companion-09-final-look');
      srv.rejectNext('min relay fee not met, 150 < 282');
      await page.getByRole('button', { name: 'Broadcast', exact: true }).click();
      const rejected = page.locator('.error-panel[data-error-code="net/broadcast-rejected"]');
      await rejected.waitFor();
      expect(await rejected.innerText()).toContain('The node refused the transaction: sendrawtransaction RPC error: {"code":-26,"message":"min relay fee not met, 150 < 282"}');
      await s.screenshot('companion-10-broadcast-rejected');
      await page.getByRole('button', { name: 'Broadcast', exact: true }).click();
      const done = page.getByTestId('broadcast-done');
      await done.waitFor();
      expect(srv.accepted.map((a) => a.txid)).toContain(await done.getAttribute('data-txid'));
      await s.screenshot('companion-11-broadcast-done');
      // the only console error is the browser's log line for the deliberately refused POST /tx
      expect(s.errors.filter((e) => !e.includes('status of 400 (Bad Request)'))).toEqual([]);
    });
  });

  it('(b) secrets pasted are refused; (c) the app shell and cached data load offline, the server error offers Retry', async () => {
    const addr = deriveAddresses({ kind: 'btc', id: 'x', label: 'x', network: 'regtest', scriptType: 'p2wpkh', fingerprint: bip84.fingerprint, path: bip84.path, xpub: bip84.xpub }, 0, 5, 1)[0];
    srv.fund(addr, 5_000n);
    await withSession('companion-offline', { fakeVideo: accountVideo('companion-account-2') }, async (s) => {
      const { page, context } = s;
      await pairCompanion(page, inject('companionUrl'), srv.url);
      await page.getByRole('button', { name: 'Pair', exact: true }).click();
      await page.getByText('Or paste a descriptor or key').click();
      const box = page.getByLabel(/Output descriptor/);
      await box.fill(TEST_MNEMONIC);
      await page.getByTestId('secret-refused').waitFor();
      expect(await box.inputValue()).toBe('');
      await s.screenshot('companion-06-secret-refused');

      await page.getByRole('button', { name: 'Accounts' }).click();
      await page.getByRole('button', { name: /Bitcoin regtest Native SegWit/ }).click();
      const balance = page.locator('[data-testid="balance"]');
      await page.locator('[data-testid="balance"]:not([data-sats=""])').waitFor({ timeout: 60_000 });
      const sats = await balance.getAttribute('data-sats');
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('offline-banner').waitFor();
      await page.getByRole('heading', { name: 'Watch-only accounts' }).waitFor();
      await page.getByRole('button', { name: /Bitcoin regtest Native SegWit/ }).click();
      const err = page.locator('[data-error-code="net/unreachable"]');
      await err.waitFor({ timeout: 30_000 });
      expect(await err.innerText()).toMatch(/Could not reach 127\.0\.0\.1:\d+[\s\S]*Showing data from/);
      expect(await balance.getAttribute('data-sats'), 'cached balance kept').toBe(sats);
      await s.screenshot('companion-07-offline-cached');
      await context.setOffline(false);
      await err.getByRole('button', { name: 'Retry' }).click();
      await err.waitFor({ state: 'detached', timeout: 30_000 });
    });
  });
});
