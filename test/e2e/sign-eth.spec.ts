/**
 * Ethereum signing through the station in Chromium (issue 5 E2E):
 * (a) an EIP-1559 eth-sign-request built with @keystonehq/bc-ur-registry-eth exactly as MetaMask's QR
 *     keyring builds it arrives as an animated UR through the FAKE WEBCAM; the review shows chain, to
 *     and value; hold to sign; the animated ur:eth-signature is read back by zbarimg, decoded with the
 *     Keystone registry (what MetaMask uses), its request-id is echoed and, with ethers, the signature
 *     recovers to our address. The station page makes no network request.
 * (b) screens a first-time user must understand (pasted through the scan screen's text fallback):
 *     unlimited ERC-20 approval, EIP-712 permit, personal message, and a request for another key.
 */
import { describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ETHSignature } from '@keystonehq/bc-ur-registry-eth';
import { Interface, Signature, Transaction as EthersTx } from 'ethers';
import { RESULTS_DIR, networkRequestsAfterLoad, withSession } from './support/browser';
import { urFrames, writeQrVideo } from './support/qr-video';
import { holdButton, installCameraSwitch, openScan, pasteLines, readAnimatedQr, setUpStation } from './support/station';
import { encodeUrParts } from '../../shared/ur/animator';
import { ADDR0, MAX_UINT, REQUEST_ID, SPENDER, TOKEN, eip1559, messageRequest, txRequest, typedDataRequest } from '../unit/ethereum/fixtures';

const VIDEO_DIR = resolve(RESULTS_DIR, 'qr-video');
const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

describe('station signs MetaMask eth-sign-requests scanned from the webcam', () => {
  it('(a) EIP-1559 transfer: webcam in, zbarimg out, ethers recovers our address, request-id echoed', async () => {
    const tx = eip1559({ to: '0x96216849c49358B10257cb55b28eA603c874b05E', value: 10n ** 17n, chainId: 1, nonce: 7 });
    const req = txRequest(tx);
    const frames = urFrames('eth-sign-request', req, 60);
    const video = writeQrVideo(resolve(VIDEO_DIR, 'sign-eth-1559.y4m'), frames, { fps: 10, repeat: 2 });
    const url = inject('stationUrl');
    await withSession('sign-eth-1559', { fakeVideo: video }, async (s) => {
      const { page } = s;
      await setUpStation(page, url);
      await openScan(page);
      const review = page.locator('[data-step="eth-review"]');
      await review.waitFor({ timeout: 90_000 });
      await s.screenshot('sign-eth-01-review-1559');
      const text = await review.innerText();
      expect(text).toContain('Ethereum Mainnet (chain 1)');
      expect(await review.locator('[data-value-wei]').innerText()).toBe('0.1 ETH');
      expect(await review.getByLabel('To address', { exact: true }).getAttribute('data-value')).toBe('0x96216849c49358B10257cb55b28eA603c874b05E');
      expect(await review.getByLabel('From address', { exact: true }).getAttribute('data-value')).toBe(ADDR0);

      await holdButton(page, 'Hold to sign');
      const signed = page.locator('[data-step="eth-signed"]');
      await signed.waitFor({ timeout: 30_000 });
      await s.screenshot('sign-eth-02-signed-qr');
      const { payload } = await readAnimatedQr(signed.locator('canvas'), ['eth-signature'], 'sign-eth-answer');
      if (payload.kind !== 'eth-signature') throw new Error(`answer is ${payload.kind}`);
      const answer = ETHSignature.fromCBOR(Buffer.from(payload.cbor));
      expect(Buffer.from(answer.getRequestId()!).toString('hex')).toBe(REQUEST_ID.replace(/-/g, ''));
      const sig = new Uint8Array(answer.getSignature());
      expect(sig.length).toBe(65);
      expect([0, 1]).toContain(sig[64]);
      const recovered = EthersTx.from({ ...tx, signature: Signature.from({ r: hex(sig.slice(0, 32)), s: hex(sig.slice(32, 64)), yParity: sig[64] as 0 | 1 }) });
      expect(recovered.from).toBe(ADDR0);

      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
      expect(s.errors).toEqual([]);
    });
  });

  it('(b) review screens: unlimited approve, EIP-712 permit, personal message, another key refused', async () => {
    const url = inject('stationUrl');
    const erc20 = new Interface(['function approve(address spender,uint256 amount)']);
    const permitTypes = {
      EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
      Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
    };
    await withSession('sign-eth-screens', { camera: false }, async (s) => {
      const { page } = s;
      await installCameraSwitch(page, true);
      await setUpStation(page, url);
      const show = async (cbor: Uint8Array, step: string, shot: string) => {
        await openScan(page);
        await pasteLines(page, encodeUrParts('eth-sign-request', cbor));
        const el = page.locator(`[data-step="${step}"]`);
        await el.waitFor({ timeout: 30_000 });
        await s.screenshot(shot);
        return el;
      };
      const home = async (p: Page) => {
        const done = p.getByRole('button', { name: 'Done' });
        if (await done.count()) await done.click();
        else {
          await p.getByRole('button', { name: 'Cancel — do not sign' }).click();
          await p.getByRole('button', { name: 'Yes, discard' }).click();
          await p.getByRole('button', { name: 'Back to home' }).click();
        }
        await p.getByRole('heading', { name: 'Keys on this station' }).waitFor();
      };

      let el = await show(txRequest(eip1559({ to: TOKEN, value: 0n, gasLimit: 60000n, data: erc20.encodeFunctionData('approve', [SPENDER, MAX_UINT]) })), 'eth-review', 'sign-eth-03-approve-unlimited');
      expect(await el.locator('[data-warning="UNLIMITED_APPROVAL"]').count()).toBe(1);
      expect(await el.locator('h2').innerText()).toContain('UNLIMITED');
      await home(page);

      el = await show(typedDataRequest({ types: permitTypes, primaryType: 'Permit', domain: { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: TOKEN },
        message: { owner: ADDR0, spender: SPENDER, value: '1000000000', nonce: 0, deadline: 1999999999 } }), 'eth-review', 'sign-eth-04-permit');
      expect(await el.locator('[data-warning="PERMIT"]').count()).toBe(1);
      expect(await el.getByLabel('Domain', { exact: true }).innerText()).toContain('USD Coin');
      await home(page);

      el = await show(messageRequest('Sign in to example.org\nNonce: 42'), 'eth-review', 'sign-eth-05-message');
      expect(await el.locator('pre.message').innerText()).toContain('Sign in to example.org');
      await home(page);

      el = await show(txRequest(eip1559(), { xfp: 'deadbeef' }), 'eth-refused', 'sign-eth-06-refused-other-key');
      expect(await el.getAttribute('data-error-code')).toBe('eth/wrong-fingerprint');
      await home(page);

      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
    });
  });
});
