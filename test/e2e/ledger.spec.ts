/**
 * A Ledger behind the air gap (issue 8), end to end in Chromium: a fake navigator.usb speaking Ledger's
 * HID framing (support/fake-webusb.ts) drives the REAL TransportWebUSB inside the built station.
 * The device is answered SYNTHETICALLY from the public speculos seed for app/fingerprint/xpub requests,
 * and from LedgerHQ's RECORDED SIGN_PSBT session (test/vectors/ledger/btc-sign-psbt.json, case
 * sh-wpkh-default) for signing. Scenarios: connect + save the hardware key; sign (the station's review,
 * then "Confirm on your Ledger", then the signed QR); user rejects on the device; unplugged mid-sign —
 * each shows its message and the station stays usable. No network request is made.
 * Multisig and Ethereum run against a SYNTHETIC device (test/unit/ledger/synthetic-ledger.ts: the speculos
 * seed answering the Bitcoin app's protocol — it reads the policy and the PSBT through the client's
 * merkle commands — and the Ethereum app's SIGN; held to the recordings in test/unit/ledger/multisig.test.ts):
 * register a Coldcard-file wallet on the device (reject, approve: id/HMAC checked against Ledger's client
 * id + SLIP-21 here), sign a multisig PSBT (signature verified by bitcoinjs-lib + @noble/curves from the
 * QR read by zbarimg, change shown as change), HMAC refused → "Register again", Ledger re-added →
 * refused before the device with "Register this wallet" → signs; inventory row "Ledger"; ETH: "Connect
 * Ledger" in place, EIP-1559 request built as MetaMask does → ethers recovers the Ledger's address; reject.
 */
import { describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { RESULTS_DIR, networkRequestsAfterLoad, withSession } from './support/browser';
import { chooseNetwork, holdButton, installCameraSwitch, openScan, pasteLines, setUpStation } from './support/station';
import { forgetFakeLedger, installFakeWebUsb, replugFakeLedger, type Responder } from './support/fake-webusb';
import * as bitcoin from 'bitcoinjs-lib';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { WalletPolicy } from '@ledgerhq/ledger-bitcoin';
import { ETHSignature, EthSignRequest, DataType } from '@keystonehq/bc-ur-registry-eth';
import { Signature, Transaction as EthersTx } from 'ethers';
import { readAnimatedQr } from './support/station';
import { SyntheticLedger, slip21 } from '../unit/ledger/synthetic-ledger';
import { multisigFixture } from '../unit/ledger/multisig-fixture';
import { multisigPolicy } from '../../shared/ledger/btc';
import { encodeUrParts } from '../../shared/ur/animator';
import { NETWORKS } from '../../shared/bitcoin/networks';

const rec = JSON.parse(readFileSync(resolve(import.meta.dirname, '../vectors/ledger/btc-sign-psbt.json'), 'utf8'));
const CASE = rec.cases[0]; // sh-wpkh-default, recorded
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(rec.mnemonic), NETWORKS.testnet.bip32);
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(RESULTS_DIR, `${name}.png`), fullPage: true });
const asciiHex = (s: string) => Buffer.from(s, 'ascii').toString('hex');

/**
 * SYNTHETIC answers from the speculos seed (GET_APP_AND_VERSION, GET_MASTER_FINGERPRINT, GET_EXTENDED_PUBKEY),
 * RECORDED answers for the SIGN_PSBT session; `at`/`answer` replace one recorded answer (reject, unplug).
 */
function responder(opts: { failAt?: number; answer?: string } = {}): Responder {
  const lines: string[] = CASE.exchanges.map((l: string) => l.replace(/^=> ?f8010001/, '=> f8010000'));
  let k = 0;
  return (apdu) => {
    if (apdu.startsWith('b001')) return `010c${asciiHex('Bitcoin Test')}05${asciiHex('2.1.0')}01009000`;
    if (apdu.startsWith('e105')) return `${(root.fingerprint >>> 0).toString(16).padStart(8, '0')}9000`;
    if (apdu.startsWith('e100')) {
      const data = Buffer.from(apdu.slice(10), 'hex');
      const path = Array.from({ length: data[1] }, (_, i) => data.readUInt32BE(2 + 4 * i));
      const p = 'm' + path.map((x) => '/' + (x >= 0x80000000 ? `${x - 0x80000000}'` : x)).join('');
      return asciiHex(root.derive(p).publicExtendedKey) + '9000';
    }
    const want = lines[2 * k].slice(3);
    if (apdu !== want) return '6a80'; // not the recorded session: the test sees a device error
    const ans = k === opts.failAt ? opts.answer! : lines[2 * k + 1].slice(3);
    k++;
    return ans;
  };
}

async function pastePsbt(page: Page): Promise<void> {
  await openScan(page);
  const cbor = new Uint8Array(new CryptoPSBT(Buffer.from(CASE.psbtV0, 'base64')).toCBOR());
  await pasteLines(page, encodeUrParts('crypto-psbt', cbor));
  await page.locator('[data-step="psbt-review"]').waitFor({ timeout: 30_000 });
}

describe('Ledger over (fake) WebUSB', () => {
  it('connect, save, sign through the device; reject and unplug show their message and the station stays usable', async () => {
    const url = inject('stationUrl');
    await withSession('ledger', {}, async (s) => {
      const { page } = s;
      const setResponder = await installFakeWebUsb(page, responder());
      await installCameraSwitch(page, true);
      await setUpStation(page, url);
      await chooseNetwork(page, 'testnet');

      // --- connect and save the hardware key
      await page.getByRole('button', { name: /Add a Ledger/ }).click();
      await shot(page, 'ledger-01-intro');
      await page.getByRole('button', { name: 'Connect Ledger' }).click();
      await page.locator('[data-step="ledger-found"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-fingerprint]').innerText()).toBe(rec.masterFingerprint);
      expect(await page.locator('[data-step="ledger-found"]').innerText()).toContain(CASE.policy.keys[0].split(']')[1]); // m/49'/1'/0' xpub
      await shot(page, 'ledger-02-found');
      await page.getByRole('button', { name: 'Save hardware key' }).click();
      await page.getByRole('button', { name: 'Done' }).click();
      const card = page.locator('[data-hardware="ledger"]');
      await card.waitFor();
      expect(await card.innerText()).toContain(rec.masterFingerprint);
      await shot(page, 'ledger-03-home');

      // --- sign: station review first, then the device
      await pastePsbt(page);
      const review = page.locator('[data-step="psbt-review"]');
      expect(await review.innerText()).toContain('My Ledger');
      await shot(page, 'ledger-04-review');
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="psbt-signed"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-step="psbt-signed"]').innerText()).toContain('Signed input 0');
      await shot(page, 'ledger-05-signed');
      await page.getByRole('button', { name: 'Done' }).click();

      // --- user rejects on the device (SYNTHETIC: 0x6985 in place of a recorded answer)
      setResponder(responder({ failAt: 40, answer: '6985' }));
      await pastePsbt(page);
      await holdButton(page, 'Hold to sign');
      await page.getByText('You rejected the request on the Ledger. Nothing was signed.').waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-06-rejected');
      await page.getByRole('button', { name: /home|Done/i }).first().click();
      await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();

      // --- unplugged in the middle of signing
      setResponder(responder({ failAt: 25, answer: 'UNPLUG' }));
      await pastePsbt(page);
      await holdButton(page, 'Hold to sign');
      await page.getByText('The Ledger was disconnected. Plug it in again and retry.').waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-07-unplugged');
      await page.getByRole('button', { name: /home|Done/i }).first().click();
      await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();

      // --- plugged back in: signing works again, nothing was lost
      await replugFakeLedger(page);
      setResponder(responder());
      await pastePsbt(page);
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="psbt-signed"]').waitFor({ timeout: 30_000 });
      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
      expect(s.errors.filter((e) => !/USBDevice|disconnected|transfer/i.test(e))).toEqual([]);
    });
  });

  // The wallet's other cosigner is NOT the station's seed key (else the seed key would sign instead).
  const OTHER = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

  async function addLedger(page: Page): Promise<void> {
    await page.getByRole('button', { name: /Add a Ledger/ }).click();
    await page.getByRole('button', { name: 'Connect Ledger' }).click();
    await page.locator('[data-step="ledger-found"]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Save hardware key' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('[data-hardware="ledger"]').waitFor();
  }
  async function pasteUr(page: Page, type: 'crypto-psbt' | 'eth-sign-request', cbor: Uint8Array, step: string): Promise<void> {
    await openScan(page);
    await pasteLines(page, encodeUrParts(type, cbor));
    await page.locator(`[data-step="${step}"]`).waitFor({ timeout: 30_000 });
  }
  const psbtCbor = (b: Uint8Array) => new Uint8Array(new CryptoPSBT(Buffer.from(b)).toCBOR());

  it('multisig (SYNTHETIC device from the speculos seed): register the wallet on the Ledger (reject, then approve), sign through it — signature verifies; HMAC refused → register again → signs', async () => {
    const url = inject('stationUrl');
    const fx = multisigFixture(rec.mnemonic, OTHER);
    const dev = new SyntheticLedger({ mnemonic: rec.mnemonic });
    const policy = multisigPolicy(fx.wallet);
    const walletId = new WalletPolicy(policy.name, policy.descriptorTemplate, policy.keys).getId();
    await withSession('ledger-multisig', {}, async (s) => {
      const { page } = s;
      const setResponder = await installFakeWebUsb(page, dev.respond);
      await installCameraSwitch(page, true);
      await setUpStation(page, url);
      await chooseNetwork(page, 'testnet');
      await addLedger(page);

      // --- the registration screen, from the hardware key's page; the wallet pasted (not yet on the station)
      await page.getByRole('button', { name: 'Accounts & export (QR)' }).click();
      await page.getByRole('button', { name: 'Register a multisig wallet' }).click();
      await page.locator('[data-step="ledger-register-choose"]').waitFor();
      await page.getByText('Paste a wallet').click();
      // a Coldcard/Sparrow multisig file, as a coordinator exports it
      const file = ['# Exported by the coordinator', 'Name: Family vault', 'Policy: 2 of 2', "Derivation: m/48'/1'/0'/2'", 'Format: P2WSH', '',
        ...fx.wallet.cosigners.map((c) => `${c.fingerprint.toUpperCase()}: ${c.xpub}`)].join('\n');
      await page.getByLabel('Multisig wallet text').fill(file);
      await page.getByRole('button', { name: 'Check this wallet' }).click();
      const review = page.locator('[data-step="ledger-register-review"]');
      await review.waitFor();
      expect(await review.locator('[data-policy]').innerText()).toMatch(/^2-of-2/);
      expect(await review.locator('[data-ours="true"]').innerText()).toContain('f5acc2fd');
      expect(await review.locator('[data-ours="true"]').innerText()).toContain('this Ledger');
      await shot(page, 'ledger-10-register-review');

      // the user rejects on the device (SYNTHETIC answer 0x6985): message, nothing stored
      dev.opts.user = 'reject';
      await page.getByRole('button', { name: 'Register on the Ledger' }).click();
      await page.getByText('You rejected the request on the Ledger. Nothing was signed.').waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-11-register-rejected');
      dev.opts.user = 'approve';
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('button', { name: 'Register on the Ledger' }).click();
      const done = page.locator('[data-step="ledger-register-done"]');
      await done.waitFor({ timeout: 30_000 });
      expect(await done.locator('[data-wallet-id]').innerText()).toBe(walletId.toString('hex'));
      // HMAC-SHA256 under the SLIP-21 "LEDGER-Wallet policy" key of the seed, over the wallet id (Ledger's client computes the id)
      const hmacWant = Buffer.from(hmac(sha256, slip21(dev.seed, ['LEDGER-Wallet policy']), walletId)).toString('hex');
      expect(await done.locator('[data-hmac]').innerText()).toBe(hmacWant);
      await shot(page, 'ledger-12-registered');
      await page.getByRole('button', { name: 'Done' }).click();
      expect(await page.locator('[data-registered-wallet="Family vault"]').innerText()).toContain(hmacWant.slice(0, 8));
      await shot(page, 'ledger-13-key-page');
      await page.getByRole('button', { name: 'Back to home' }).click();

      // --- sign the multisig PSBT through the Ledger
      const signOnce = async (name: string) => {
        await pasteUr(page, 'crypto-psbt', psbtCbor(fx.psbt()), 'psbt-review');
        expect(await page.locator('[data-step="psbt-review"]').innerText()).toContain('My Ledger');
        await holdButton(page, 'Hold to sign');
        const signed = page.locator('[data-step="psbt-signed"]');
        await signed.waitFor({ timeout: 30_000 });
        await shot(page, name);
        const { payload } = await readAnimatedQr(signed.locator('canvas'), ['crypto-psbt'], name);
        if (payload.kind !== 'psbt') throw new Error(`answer is ${payload.kind}`);
        const out = bitcoin.Psbt.fromBuffer(Buffer.from(payload.bytes));
        const sigs = out.data.inputs[0].partialSig ?? [];
        expect(sigs.map((x) => Buffer.from(x.pubkey).toString('hex'))).toEqual([Buffer.from(fx.ledgerKeyAt("m/48'/1'/0'/2'/0/3")).toString('hex')]);
        expect(out.validateSignaturesOfInput(0, (pub, msg, sig) => secp256k1.verify(sig, msg, pub, { prehash: false, format: 'compact' }))).toBe(true);
        expect(dev.shown?.outputs.map((o) => o.change)).toEqual([false, true]); // change shown as change on the device
        await page.getByRole('button', { name: 'Done' }).click();
      };
      await signOnce('ledger-14-multisig-signed');

      // --- the device no longer accepts the registration (SYNTHETIC: HMACs keyed otherwise) → message + register again
      const other = new SyntheticLedger({ mnemonic: rec.mnemonic, hmacLabel: 'another device' });
      setResponder(other.respond);
      await pasteUr(page, 'crypto-psbt', psbtCbor(fx.psbt()), 'psbt-review');
      await holdButton(page, 'Hold to sign');
      const refused = page.locator('[data-step="psbt-refused"][data-error-code="ledger/hmac-mismatch"]');
      await refused.waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-15-hmac-mismatch');
      await page.getByRole('button', { name: 'Register again on the Ledger' }).click();
      await page.locator('[data-step="ledger-register-review"]').waitFor();
      await page.getByRole('button', { name: 'Register on the Ledger' }).click();
      await page.locator('[data-step="ledger-register-done"]').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Back to home' }).click();
      other.shown = null;
      // sign again with the device that refused: it accepts the new registration
      await pasteUr(page, 'crypto-psbt', psbtCbor(fx.psbt()), 'psbt-review');
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="psbt-signed"]').waitFor({ timeout: 30_000 });
      expect(other.shown).toEqual(expect.objectContaining({ wallet: 'Family vault' }));

      // --- the Ledger is added again (its entry starts with no registration): signing is refused BEFORE the
      // device is asked, with the offer to register the wallet; registering then signing works
      await page.getByRole('button', { name: 'Done' }).click();
      setResponder(dev.respond);
      const apdusBefore = dev.log.length;
      await addLedger(page);
      await pasteUr(page, 'crypto-psbt', psbtCbor(fx.psbt()), 'psbt-review');
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="psbt-refused"][data-error-code="ledger/not-registered"]').waitFor({ timeout: 30_000 });
      expect(dev.log.slice(apdusBefore).filter((ins) => ins === 'e104')).toEqual([]); // no SIGN_PSBT was sent
      await shot(page, 'ledger-17-not-registered');
      await page.getByRole('button', { name: 'Register this wallet on the Ledger' }).click();
      await page.locator('[data-step="ledger-register-review"]').waitFor();
      await page.getByRole('button', { name: 'Register on the Ledger' }).click();
      await page.locator('[data-step="ledger-register-done"]').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Back to home' }).click();
      await pasteUr(page, 'crypto-psbt', psbtCbor(fx.psbt()), 'psbt-review');
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="psbt-signed"]').waitFor({ timeout: 30_000 });

      // --- the key inventory lists the Ledger
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: /Key inventory/ }).click();
      const row = page.locator('tr[data-fingerprint="f5acc2fd"]');
      await row.waitFor();
      expect(await row.innerText()).toContain('Ledger');
      await shot(page, 'ledger-16-inventory');
      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
    });
  });

  it('Ethereum (SYNTHETIC device): Connect Ledger in place, EIP-1559 request from bc-ur-registry-eth → eth-signature recovers (ethers) to the Ledger account; user rejects → message', async () => {
    const url = inject('stationUrl');
    const dev = new SyntheticLedger({ mnemonic: rec.mnemonic });
    const ADDRESS = '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D';
    await withSession('ledger-eth', {}, async (s) => {
      const { page } = s;
      await installFakeWebUsb(page, dev.respond);
      await installCameraSwitch(page, true);
      await setUpStation(page, url);
      await chooseNetwork(page, 'testnet');
      await addLedger(page);
      dev.opts.app = 'Ethereum'; // the user opens the Ethereum app
      await page.getByRole('button', { name: 'Accounts & export (QR)' }).click();
      await page.getByRole('button', { name: 'Read Ethereum account' }).click();
      await page.getByText(ADDRESS).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Back to home' }).click();

      // MetaMask's request: EIP-1559 on Sepolia, from the Ledger's m/44'/60'/0'/0/0
      const tx = EthersTx.from({ type: 2, chainId: 11155111, nonce: 4, to: '0x96216849c49358B10257cb55b28eA603c874b05E', value: 5n * 10n ** 16n, maxFeePerGas: 30n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n, gasLimit: 21000 });
      const req = EthSignRequest.constructETHRequest(Buffer.from(tx.unsignedSerialized.slice(2), 'hex'), DataType.typedTransaction, "m/44'/60'/0'/0/0", 'f5acc2fd', '3b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', 11155111, ADDRESS, 'metamask');
      const cbor = new Uint8Array(req.toCBOR());

      // the Ledger is not connected to this page any more: Connect Ledger, then it continues in place
      await forgetFakeLedger(page);
      await pasteUr(page, 'eth-sign-request', cbor, 'eth-review');
      await shot(page, 'ledger-20-eth-review');
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="ledger-connect"]').waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-21-connect-prompt');
      await page.getByRole('button', { name: 'Connect Ledger' }).click();
      const signed = page.locator('[data-step="eth-signed"]');
      await signed.waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-22-eth-signed');
      const { payload } = await readAnimatedQr(signed.locator('canvas'), ['eth-signature'], 'ledger-eth-answer');
      if (payload.kind !== 'eth-signature') throw new Error(`answer is ${payload.kind}`);
      const sig = new Uint8Array(ETHSignature.fromCBOR(Buffer.from(payload.cbor)).getSignature());
      const hexOf = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
      const back = EthersTx.from({ ...tx.toJSON(), signature: Signature.from({ r: hexOf(sig.slice(0, 32)), s: hexOf(sig.slice(32, 64)), yParity: sig[64] as 0 | 1 }) });
      expect(back.from).toBe(ADDRESS);
      await page.getByRole('button', { name: 'Done' }).click();

      // the user rejects on the device
      dev.opts.user = 'reject';
      await pasteUr(page, 'eth-sign-request', cbor, 'eth-review');
      await holdButton(page, 'Hold to sign');
      await page.getByText('You rejected the request on the Ledger. Nothing was signed.').waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-23-eth-rejected');
      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
    });
  });
});

