/**
 * Animated QR transport through a real browser (issue 3):
 * (a) a 10 KB PSBT as animated UR frames in a Y4M "webcam" video → the station's scanner completes
 *     and shows the SHA-256 of exactly those bytes;
 * (b) the station's <AnimatedQr> account export, screenshotted repeatedly and decoded by zbarimg
 *     (independent decoder) → reassembled by our assembler → equals the crypto-account of the key;
 * (c) every scanner failure shows its message: wrong UR type (webcam), plain text, mixed messages,
 *     oversize (paste fallback, same session logic), camera denied and camera absent.
 * Videos are generated here into test-results/qr-video/ (deterministic, grey 640×480).
 */
import { describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Transaction, p2wpkh, NETWORK } from '@scure/btc-signer';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, withSession } from './support/browser';
import { urFrames, writeQrVideo } from './support/qr-video';
import { zbarDecodeFile } from './support/zbar';
import { openScan, pasteLines, setUpStation } from './support/station';
import { createAssembler } from '../../shared/ur/assembler';
import { createAnimator } from '../../shared/ur/animator';
import { toHex } from '../../shared/bytes';
import { encodeCryptoAccountCbor, encodeEthHdkeyCbor } from '../../shared/ur/account-export';
import { deriveStandardAccounts } from '../../shared/keys/accounts';
import { NETWORKS } from '../../shared/bitcoin/networks';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const VIDEO_DIR = resolve(RESULTS_DIR, 'qr-video');

/** A real, deterministic ~10 KB PSBT: one P2WPKH input of the test key, 320 P2WPKH outputs. */
function tenKbPsbt(): Uint8Array {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
  const key = root.derive("m/84'/0'/0'/0/0");
  const spk = p2wpkh(key.publicKey!, NETWORK).script;
  const tx = new Transaction();
  tx.addInput({ txid: new Uint8Array(32).fill(7), index: 0, witnessUtxo: { script: spk, amount: 10_000_000_000n } });
  for (let i = 0; i < 320; i++) {
    const child = root.derive(`m/84'/0'/0'/1/${i}`);
    tx.addOutputAddress(p2wpkh(child.publicKey!, NETWORK).address!, 10_000n + BigInt(i), NETWORK);
  }
  return tx.toPSBT();
}

const psbtCbor = (psbt: Uint8Array) => new Uint8Array(new CryptoPSBT(Buffer.from(psbt)).toCBOR());

describe('animated QR through the browser', () => {
  it('(a) a 10 KB PSBT arrives through the fake webcam, byte for byte', async () => {
    const psbt = tenKbPsbt();
    expect(psbt.length).toBeGreaterThan(10_000);
    const frames = urFrames('crypto-psbt', psbtCbor(psbt), 250);
    expect(frames.length).toBeGreaterThan(30);
    const video = writeQrVideo(resolve(VIDEO_DIR, 'psbt-10k.y4m'), frames, { fps: 10, repeat: 2 });
    await withSession('qr-webcam-psbt', { fakeVideo: video }, async (s) => {
      await setUpStation(s.page, inject('stationUrl'));
      await openScan(s.page);
      await s.page.locator('.qr-scanner[data-scan-phase="progress"]').waitFor({ timeout: 30_000 });
      await s.screenshot('qr-scan-progress');
      const done = s.page.locator('[data-received-kind="psbt"]');
      await done.waitFor({ timeout: 90_000 });
      await s.screenshot('qr-scan-done');
      expect(await done.getAttribute('data-sha256')).toBe(toHex(sha256(psbt)));
      await expect(s.page.getByText(`PSBT received, ${psbt.length.toLocaleString('en-US')} bytes`).isVisible()).resolves.toBe(true);
      const stats = await s.page.evaluate(() => {
        const st = (globalThis as unknown as { __airlockScanStats: { frames: number; mainMs: number[]; workerMs: number[]; width: number; height: number } }).__airlockScanStats;
        const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))];
        return { frames: st.frames, mainMedian: q(st.mainMs, 0.5), mainP95: q(st.mainMs, 0.95), workerMedian: q(st.workerMs, 0.5), size: `${st.width}x${st.height}` };
      });
      console.log(`scan stats (10 KB PSBT via fake webcam): ${JSON.stringify(stats)}`);
      expect(stats.frames).toBeGreaterThan(0);
      expect(s.errors).toEqual([]);
    });
  });

  it('(b) the account export QR is read back by zbarimg and equals crypto-account of the key', async () => {
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
    const accounts = deriveStandardAccounts(root, NETWORKS.mainnet);
    const fp = accounts[0].fingerprint;
    const expected = encodeCryptoAccountCbor(fp, accounts.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), 'mainnet');
    await withSession('qr-export-zbar', {}, async (s) => {
      await setUpStation(s.page, inject('stationUrl'));
      await s.page.getByRole('button', { name: 'Export to wallet (QR)' }).click();
      await s.page.getByRole('button', { name: 'Show the QR codes' }).click();
      const figure = s.page.locator('[data-export="crypto-account"] figure.animated-qr');
      await figure.or(s.page.getByRole('alert')).first().waitFor();
      expect(s.errors).toEqual([]);
      await s.screenshot('qr-export-account');
      const canvas = figure.locator('canvas');
      const asm = createAssembler({ accept: ['crypto-account'] });
      let status = asm.push('');
      let reads = 0;
      for (let i = 0; i < 120 && status.kind !== 'complete'; i++) {
        const file = resolve(RESULTS_DIR, 'qr-video', `export-shot.png`);
        await canvas.screenshot({ path: file });
        for (const text of await zbarDecodeFile(file)) {
          reads++;
          status = asm.push(text);
          expect(status.kind, `zbar read #${reads}`).not.toBe('failed');
        }
      }
      expect(status.kind).toBe('complete');
      if (status.kind !== 'complete' || status.payload.kind !== 'account') throw new Error('no account payload');
      expect(toHex(status.payload.cbor)).toBe(toHex(expected));

      // Ethereum tab: single crypto-hdkey for MetaMask, also read back by zbarimg.
      await s.page.getByRole('tab', { name: /Ethereum/ }).click();
      const eth = s.page.locator('[data-export="crypto-hdkey"] canvas');
      await eth.waitFor();
      const file = resolve(RESULTS_DIR, 'qr-video', 'export-eth.png');
      await eth.screenshot({ path: file });
      const [text] = await zbarDecodeFile(file);
      const st = createAssembler({ accept: ['crypto-hdkey'] }).push(text ?? '');
      if (st.kind !== 'complete' || st.payload.kind !== 'hdkey') throw new Error(`eth QR not read: ${st.kind}`);
      const ethXpub = root.derive("m/44'/60'/0'").publicExtendedKey;
      expect(toHex(st.payload.cbor)).toBe(toHex(encodeEthHdkeyCbor(fp, ethXpub)));
      expect(s.errors).toEqual([]);
    });
  });

  it('(c1) a UR of the wrong type from the webcam is refused, naming what came and what is expected', async () => {
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
    const ethXpub = root.derive("m/44'/60'/0'").publicExtendedKey;
    const frames = urFrames('crypto-hdkey', encodeEthHdkeyCbor('73c5da0a', ethXpub), 400);
    const video = writeQrVideo(resolve(VIDEO_DIR, 'wrong-type.y4m'), frames, { fps: 10, repeat: 2 });
    await withSession('qr-wrong-type', { fakeVideo: video }, async (s) => {
      await setUpStation(s.page, inject('stationUrl'));
      await openScan(s.page);
      const alert = s.page.locator('.qr-scanner[data-error-code="ur/unsupported-type"] [role="alert"]');
      await alert.waitFor({ timeout: 30_000 });
      await s.screenshot('qr-scan-wrong-type');
      const text = await alert.innerText();
      expect(text).toContain('ur:crypto-hdkey');
      expect(text).toContain('a transaction to sign (PSBT or Ethereum signing request) or a multisig wallet');
      await s.page.getByRole('button', { name: 'Restart scan' }).waitFor();
    });
  });

  it('(c2) plain text, mixed messages and an oversize payload each show their message', async () => {
    const a = urFrames('crypto-psbt', psbtCbor(tenKbPsbt()), 400, 3);
    const other = tenKbPsbt();
    other[other.length - 1] ^= 1; // a different message of the same type and size
    const b = urFrames('crypto-psbt', psbtCbor(other), 400, 2);
    const huge = createAnimator('bytes', new Uint8Array(2 * 1024 * 1024 + 16).fill(1), { maxFragmentLength: 400 }).nextFrame();
    await withSession('qr-bad-input', {}, async (s) => {
      await setUpStation(s.page, inject('stationUrl'));
      await openScan(s.page);
      const scanner = s.page.locator('.qr-scanner');
      const expectFailure = async (code: string, words: RegExp) => {
        await s.page.locator(`.qr-scanner[data-error-code="${code}"]`).waitFor();
        expect(await scanner.locator('.scan-failed').first().innerText()).toMatch(words);
      };

      await pasteLines(s.page, ['bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu']);
      await expectFailure('ur/not-ur', /not a UR QR code[\s\S]*expects a transaction to sign/);
      await s.screenshot('qr-scan-not-ur');
      await s.page.getByRole('button', { name: 'Restart scan' }).click();

      await pasteLines(s.page, [...a.slice(0, 2), b[1]]);
      await expectFailure('ur/mixed-messages', /two different messages[\s\S]*Nothing was mixed/);
      await s.screenshot('qr-scan-mixed');
      await s.page.getByRole('button', { name: 'Restart scan' }).click();
      await scanner.and(s.page.locator('[data-scan-phase="waiting"]')).waitFor();

      await pasteLines(s.page, [huge]);
      await expectFailure('ur/too-large', /larger than Airlock accepts \(1048576 bytes\)/);
      await s.screenshot('qr-scan-too-large');
    });
  });

  it('(c3) camera denied and camera absent each explain how to fix it', async () => {
    for (const [name, code, words] of [
      ['NotAllowedError', 'camera/denied', /Camera access was denied[\s\S]*set Camera to Allow/],
      ['NotFoundError', 'camera/unavailable', /No camera was found[\s\S]*Plug in a webcam/],
    ] as const) {
      await withSession(`qr-camera-${code.replace('/', '-')}`, { camera: false }, async (s) => {
        // Simulates the browser's answer: Chromium's fake-UI flag would otherwise auto-accept.
        await s.page.addInitScript((errName: string) => {
          navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', errName));
        }, name);
        await setUpStation(s.page, inject('stationUrl'));
        await openScan(s.page);
        await s.page.locator(`.qr-scanner[data-error-code="${code}"]`).waitFor();
        expect(await s.page.locator('.qr-scanner .scan-failed').first().innerText()).toMatch(words);
        await s.page.getByText('Import from video or photos').waitFor();
        await s.screenshot(`qr-camera-${code.replace('/', '-')}`);
      });
    }
  });
});
