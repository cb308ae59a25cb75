/**
 * Bitcoin signing through the station in Chromium (issue 4 E2E):
 * (a) 2-of-3 P2WSH sortedmulti: the wallet is registered (descriptor pasted as ur:bytes, the scan
 *     screen's text fallback), then a PSBT built by bitcoinjs-lib — spending a multisig coin, with
 *     multisig change — arrives as animated ur:crypto-psbt through the FAKE WEBCAM; the review shows
 *     "change (verified)"; hold to sign; the animated answer is read back by zbarimg, reassembled, and
 *     bitcoinjs-lib validates our partial signature, adds a second cosigner's and extracts the tx.
 * (b) single-sig P2WPKH sent as ur:psbt (legacy name) is answered as ur:psbt, signature valid.
 * (c) screens a first-time user must understand (pasted, same session): unverified change, high fee,
 *     refusals (inputs not ours, wrong network, contradicting UTXO data) — screenshots for review.
 * The station page makes no network request at all.
 */
import { describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { RESULTS_DIR, networkRequestsAfterLoad, withSession } from './support/browser';
import { urFrames, writeQrVideo } from './support/qr-video';
import { chooseNetwork, holdButton, installCameraSwitch, openScan, pasteLines, readAnimatedQr, setCameraBlocked, setUpStation } from './support/station';
import { encodeUrParts } from '../../shared/ur/animator';
import { encodeBytesCbor } from '../../shared/ur/registry';
import { utf8ToBytes } from '../../shared/bytes';
import {
  THEIR_ADDRESS, bitcoin, buildPsbt, descriptorOf, jsMultisig, jsRoot, other1, singlePath, validator,
} from '../unit/bitcoin/fixtures';

const VIDEO_DIR = resolve(RESULTS_DIR, 'qr-video');
const psbtCbor = (psbt: Uint8Array) => new Uint8Array(new CryptoPSBT(Buffer.from(psbt)).toCBOR());
const wallet = jsMultisig('p2wsh', true);

/** Paste a payload as single-part UR text through the scan screen's fallback (camera blocked). */
async function pasteUr(page: Page, urType: string, cbor: Uint8Array): Promise<void> {
  await openScan(page);
  await pasteLines(page, encodeUrParts(urType, cbor));
}

async function registerWallet(page: Page, descriptor: string, shot?: string): Promise<void> {
  await pasteUr(page, 'bytes', encodeBytesCbor(utf8ToBytes(descriptor)));
  const confirm = page.locator('[data-step="multisig-confirm"]');
  await confirm.waitFor({ timeout: 30_000 });
  expect(await confirm.locator('[data-policy]').innerText()).toContain('2-of-3');
  expect(await confirm.locator('[data-cosigner][data-ours="true"]').count()).toBe(1);
  if (shot) await page.screenshot({ path: resolve(RESULTS_DIR, `${shot}.png`), fullPage: true });
  await page.getByRole('button', { name: 'Register this wallet' }).click();
  await page.getByRole('heading', { name: 'Wallet registered' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
}

describe('station signs Bitcoin PSBTs scanned from the webcam', () => {
  it('(a) 2-of-3 P2WSH multisig with verified multisig change: webcam in, zbarimg out, bitcoinjs validates', async () => {
    // Wallet 2-of-3 sortedmulti P2WSH at m/48'/1'/0'/2' (testnet), our key first; input 0.01 BTC at 0/0;
    // outputs: 0.006 BTC to someone else, 0.00399 BTC change at 1/0 of the same wallet; fee 1,000 sat.
    const psbt = buildPsbt(
      [{ kind: 'multi', wallet, value: 1_000_000n }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 600_000n }, { kind: 'multi-change', wallet, chain: 1, index: 0, value: 399_000n }],
    );
    const frames = urFrames('crypto-psbt', psbtCbor(psbt.toBuffer()), 120);
    expect(frames.length).toBeGreaterThan(3);
    const video = writeQrVideo(resolve(VIDEO_DIR, 'sign-btc-multisig.y4m'), frames, { fps: 10, repeat: 2 });
    const url = inject('stationUrl');
    await withSession('sign-btc-multisig', { fakeVideo: video }, async (s) => {
      const { page } = s;
      await installCameraSwitch(page, true);
      await setUpStation(page, url);
      await chooseNetwork(page, 'testnet');
      await registerWallet(page, descriptorOf(wallet), 'sign-btc-01-register-multisig');

      await setCameraBlocked(page, false);
      await openScan(page);
      const review = page.locator('[data-step="psbt-review"]');
      await review.waitFor({ timeout: 90_000 });
      await s.screenshot('sign-btc-02-review-multisig');
      const change = review.locator('[data-role="change"] [data-label]');
      expect(await change.isVisible()).toBe(true);
      expect(await change.innerText()).toBe('change (verified)');
      expect(await review.locator('[data-role="payment"] [data-label]').innerText()).toBe('to someone else');
      expect(await review.locator('[data-total="fee"]').innerText()).toContain('1,000 sat');
      expect(await review.locator('[data-warning="CHANGE_NOT_VERIFIED"]').count()).toBe(0);

      await holdButton(page, 'Hold to sign');
      const signed = page.locator('[data-step="psbt-signed"]');
      await signed.waitFor({ timeout: 30_000 });
      expect(await signed.getAttribute('data-ur-type')).toBe('crypto-psbt');
      await page.getByText(/Part \d+ of \d+/).waitFor();
      await s.screenshot('sign-btc-03-signed-qr');
      const { payload, reads } = await readAnimatedQr(signed.locator('canvas'), ['crypto-psbt', 'psbt'], 'sign-btc-answer');
      if (payload.kind !== 'psbt') throw new Error(`answer is ${payload.kind}`);
      expect(payload.urType).toBe('crypto-psbt');
      console.log(`multisig answer: ${payload.bytes.length} bytes from ${reads} zbarimg reads`);

      const out = bitcoin.Psbt.fromBuffer(Buffer.from(payload.bytes), { network: bitcoin.networks.testnet });
      const ourPub = jsRoot.derivePath("m/48'/1'/0'/2'/0/0").publicKey;
      const sigs = out.data.inputs[0].partialSig ?? [];
      expect(sigs.length).toBe(1);
      expect(Buffer.from(sigs[0].pubkey).equals(Buffer.from(ourPub))).toBe(true);
      expect(out.validateSignaturesOfInput(0, validator)).toBe(true);
      // A second cosigner completes it: bitcoinjs finalizes and extracts a valid transaction.
      out.signInput(0, other1.derivePath("m/48'/1'/0'/2'/0/0"));
      out.finalizeAllInputs();
      expect(out.extractTransaction().outs.length).toBe(2);

      // Canary: no run of recovery words and no xprv anywhere the page shows or stores.
      const dump = await page.evaluate(() => document.body.innerText + JSON.stringify(localStorage) + location.href);
      expect(dump.includes('abandon abandon abandon')).toBe(false);
      expect(/[xt]prv/.test(dump)).toBe(false);

      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
      expect(s.errors).toEqual([]);
    });
  });

  it('(b) single-sig P2WPKH as ur:psbt is answered as ur:psbt with a valid signature', async () => {
    const psbt = buildPsbt(
      [{ kind: 'single', type: 'p2wpkh', value: 250_000n }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 100_000n }, { kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 3), value: 148_590n }],
    );
    const video = writeQrVideo(resolve(VIDEO_DIR, 'sign-btc-p2wpkh.y4m'), urFrames('psbt', psbtCbor(psbt.toBuffer()), 120), { fps: 10, repeat: 2 });
    const url = inject('stationUrl');
    await withSession('sign-btc-p2wpkh', { fakeVideo: video }, async (s) => {
      const { page } = s;
      await setUpStation(page, url);
      await chooseNetwork(page, 'testnet');
      await openScan(page);
      const review = page.locator('[data-step="psbt-review"]');
      await review.waitFor({ timeout: 90_000 });
      expect(await review.locator('[data-role="change"] [data-label]').innerText()).toBe('change (verified)');
      await holdButton(page, 'Hold to sign');
      const signed = page.locator('[data-step="psbt-signed"]');
      await signed.waitFor({ timeout: 30_000 });
      expect(await signed.getAttribute('data-ur-type')).toBe('psbt');
      const { payload } = await readAnimatedQr(signed.locator('canvas'), ['crypto-psbt', 'psbt'], 'sign-btc-p2wpkh-answer');
      if (payload.kind !== 'psbt') throw new Error(`answer is ${payload.kind}`);
      expect(payload.urType).toBe('psbt');
      const out = bitcoin.Psbt.fromBuffer(Buffer.from(payload.bytes), { network: bitcoin.networks.testnet });
      expect(out.validateSignaturesOfInput(0, validator)).toBe(true);
      out.finalizeAllInputs();
      expect(out.extractTransaction().ins.length).toBe(1);
      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
      expect(s.errors).toEqual([]);
    });
  });

  it('(c) warning and refusal screens: unverified change, high fee, not ours, wrong network, faked amount', async () => {
    const url = inject('stationUrl');
    await withSession('sign-btc-screens', { camera: false }, async (s) => {
      const { page } = s;
      await installCameraSwitch(page, true);
      await setUpStation(page, url);
      await chooseNetwork(page, 'testnet');
      const show = async (psbt: Uint8Array, step: string, shot: string) => {
        await pasteUr(page, 'crypto-psbt', psbtCbor(psbt));
        const el = page.locator(`[data-step="${step}"]`);
        await el.waitFor({ timeout: 30_000 });
        await s.screenshot(shot);
        return el;
      };
      const home = async () => {
        const done = page.getByRole('button', { name: 'Done' });
        if (await done.count()) await done.click();
        else {
          await page.getByRole('button', { name: 'Cancel — do not sign' }).click();
          await page.getByRole('button', { name: 'Yes, discard' }).click();
          await page.getByRole('button', { name: 'Back to home' }).click();
        }
        await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();
      };

      // Multisig change of an UNREGISTERED wallet: claims to be ours, cannot be proven.
      let el = await show(buildPsbt([{ kind: 'multi', wallet, value: 1_000_000n }],
        [{ kind: 'address', address: THEIR_ADDRESS, value: 600_000n }, { kind: 'multi-change', wallet, chain: 1, index: 0, value: 399_000n }]).toBuffer(),
      'psbt-review', 'sign-btc-04-review-unverified-change');
      expect(await el.locator('[data-role="payment"] [data-label]').allInnerTexts()).toContain('claims to be ours but is not proven');
      expect(await el.locator('[data-warning="CHANGE_NOT_VERIFIED"]').count()).toBe(1);
      await home();

      // High fee: 0.02 BTC fee on a 0.005 BTC payment.
      el = await show(buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 3_000_000n }],
        [{ kind: 'address', address: THEIR_ADDRESS, value: 500_000n }, { kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 0), value: 500_000n }]).toBuffer(),
      'psbt-review', 'sign-btc-05-review-high-fee');
      expect(await el.locator('[data-warning="HIGH_FEE"]').count()).toBe(1);
      await home();

      // Refusal: no input belongs to this station.
      el = await show(buildPsbt([{ kind: 'single', type: 'p2wpkh', owner: other1, value: 200_000n }],
        [{ kind: 'address', address: THEIR_ADDRESS, value: 190_000n }]).toBuffer(), 'psbt-refused', 'sign-btc-06-refused-not-ours');
      expect(await el.getAttribute('data-reason')).toBe('no-inputs-ours');
      await home();

      // Refusal: a mainnet-path PSBT on a testnet station.
      el = await show(buildPsbt([{ kind: 'single', type: 'p2wpkh', path: singlePath('p2wpkh', 0, 0, 0, 0), value: 200_000n }],
        [{ kind: 'address', address: THEIR_ADDRESS, value: 190_000n }]).toBuffer(), 'psbt-refused', 'sign-btc-07-refused-network');
      expect(await el.getAttribute('data-reason')).toBe('network-mismatch');
      await home();

      // Refusal: witness UTXO amount contradicting the full previous transaction (fee lie).
      const lie = buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 190_000n }]);
      const prevOut = bitcoin.Transaction.fromBuffer(lie.data.inputs[0].nonWitnessUtxo!).outs[1];
      lie.updateInput(0, { witnessUtxo: { script: prevOut.script, value: 2_000_000n } });
      el = await show(lie.toBuffer(), 'psbt-refused', 'sign-btc-08-refused-utxo-mismatch');
      expect(await el.getAttribute('data-error-code')).toBe('psbt/utxo-mismatch');
      await home();

      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
    });
  });
});
