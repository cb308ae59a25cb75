/**
 * THE MAIN PATH (issue 6), both chains, every hop through a camera and a screen:
 *   companion → animated QR → screenshots decoded by zbarimg → Y4M video → station's fake webcam →
 *   station reviews and signs (hold to sign) → station's animated QR → screenshots → zbarimg → video →
 *   companion's fake webcam → companion checks it is the transaction it sent → broadcast →
 *   Bitcoin: the in-memory Esplora double (test/e2e/support/esplora-server.ts) verifies every signature
 *   and that exactly the UTXOs it served are spent; Ethereum: a real hardhat node mines it and balances change.
 *
 * Why three browser processes per chain: Chromium's fake webcam file (--use-file-for-fake-video-capture)
 * is fixed at launch, and each leg needs a different video. The companion's two legs share one
 * persistent user-data-dir, so the second companion process restores the paired account, the settings
 * and the PENDING SEND (the unsigned PSBT / eth-sign-request) from the app's own IndexedDB/localStorage,
 * exactly as a user who closed the tab would find them. The station leg uses its own fresh browser.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import * as bitcoin from 'bitcoinjs-lib';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Transaction as EthersTx } from 'ethers';
import { RESULTS_DIR, chromiumPath, withSession } from './support/browser';
import { urFrames, writeQrVideo } from './support/qr-video';
import { zbarDecodeFile } from './support/zbar';
import { holdButton, openScan, setUpStation, chooseNetwork, TEST_MNEMONIC } from './support/station';
import { startEsploraServer, type EsploraDouble } from './support/esplora-server';
import { startEvmNode, type EvmNode } from './support/evm-node';
import { accountVideo, pairCompanion } from './support/companion';
import { createAssembler } from '../../shared/ur/assembler';
import type { UrType } from '../../shared/ur/registry';
import { encodeEthHdkeyCbor } from '../../shared/ur/account-export';
import { ethAccountKey } from '../../shared/ethereum/account-export';
import { NETWORKS } from '../../shared/bitcoin/networks';
import { deriveStandardAccounts } from '../../shared/keys/accounts';
import { deriveAddresses } from '../../companion/src/watch/btc-sync';

const VIDEO_DIR = resolve(RESULTS_DIR, 'qr-video');
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(TEST_MNEMONIC));
const THEIRS = 'bcrt1q6rhpng9evdsfnn833a4f4vej0asu6dk5srld6x';

/** Same flags as support/browser.ts launch(), but a persistent profile (IndexedDB survives the process). */
async function launchCompanion(userDataDir: string, fakeVideo: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeVideo}`,
    ],
  });
  await context.grantPermissions(['camera']);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return { context, page, errors };
}

/**
 * Screenshot an animated QR until our assembler (fed by zbarimg reads) completes; returns the distinct
 * QR texts read — exactly what a camera saw — ready to be replayed as the next leg's webcam video.
 */
async function captureQrTexts(canvas: Locator, accept: UrType[], shot: string, maxShots = 300): Promise<string[]> {
  const asm = createAssembler({ accept, acceptText: false });
  const file = resolve(VIDEO_DIR, `${shot}.png`);
  const seen: string[] = [];
  for (let i = 0; i < maxShots; i++) {
    await canvas.screenshot({ path: file });
    for (const text of await zbarDecodeFile(file)) {
      if (!seen.includes(text)) seen.push(text);
      const st = asm.push(text);
      if (st.kind === 'failed') throw new Error(`assembler failed: ${st.code}`);
      if (st.kind === 'complete') return seen;
    }
  }
  throw new Error(`QR not complete after ${maxShots} screenshots`);
}

const shotTo = (page: Page, name: string) => page.screenshot({ path: resolve(RESULTS_DIR, `${name}.png`), fullPage: true });

describe('round trip through QR codes: companion ⇄ station', () => {
  let srv: EsploraDouble;
  let node: EvmNode;
  const dirs: string[] = [];
  beforeAll(async () => {
    [srv, node] = await Promise.all([startEsploraServer(), startEvmNode()]);
  });
  afterAll(async () => {
    await Promise.all([srv?.close(), node?.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('Bitcoin: PSBT out by QR, signed by the station, back by QR, broadcast; the Esplora double accepts a fully valid tx', async () => {
    const bip84 = deriveStandardAccounts(root, NETWORKS.regtest).find((a) => a.scriptType === 'p2wpkh')!;
    const watch = { kind: 'btc' as const, id: 'x', label: 'x', network: 'regtest' as const, scriptType: 'p2wpkh' as const, fingerprint: bip84.fingerprint, path: bip84.path, xpub: bip84.xpub };
    const recv = deriveAddresses(watch, 0, 0, 2);
    const given = [srv.fund(recv[0], 150_000n), srv.fund(recv[1], 90_000n)].map((u) => `${u.txid}:${u.vout}`);
    const profile = mkdtempSync(join(tmpdir(), 'airlock-companion-'));
    dirs.push(profile);
    const url = inject('companionUrl');
    const t0 = Date.now();

    // Leg 1 — companion: pair by webcam, build a 2-input send (200,000 sat needs both coins), show it.
    let psbtTexts: string[];
    {
      const c = await launchCompanion(profile, accountVideo('rt-btc-account'));
      try {
        await pairCompanion(c.page, url, srv.url);
        await c.page.getByRole('button', { name: /Bitcoin regtest Native SegWit/ }).click();
        await c.page.locator('[data-testid="balance"][data-sats="240000"]').waitFor({ timeout: 60_000 });
        await c.page.getByRole('button', { name: 'Send', exact: true }).click();
        await c.page.getByLabel('Recipient address').fill(THEIRS);
        await c.page.getByLabel('Amount (BTC)').fill('0.002');
        await c.page.getByLabel('Fee rate (sat/vB)').fill('3');
        await c.page.getByRole('button', { name: 'Review' }).click();
        await c.page.locator('[data-step="review"]').waitFor();
        await c.page.getByRole('button', { name: 'Show to the station' }).click();
        const canvas = c.page.locator('figure.animated-qr canvas');
        await canvas.waitFor();
        await shotTo(c.page, 'roundtrip-btc-01-companion-qr');
        psbtTexts = await captureQrTexts(canvas, ['crypto-psbt'], 'rt-btc-psbt');
        expect(c.errors).toEqual([]);
      } finally {
        await c.context.close();
      }
    }
    const leg1 = Date.now();

    // Leg 2 — station: its webcam plays what zbarimg read off the companion's screen; review, hold to sign.
    let signedTexts: string[] = [];
    await withSession('roundtrip-btc-station', { fakeVideo: writeQrVideo(resolve(VIDEO_DIR, 'rt-btc-psbt.y4m'), psbtTexts, { fps: 10, repeat: 3 }) }, async (s) => {
      await setUpStation(s.page, inject('stationUrl'));
      await chooseNetwork(s.page, 'regtest');
      await openScan(s.page);
      const review = s.page.locator('[data-step="psbt-review"]');
      await review.waitFor({ timeout: 120_000 });
      expect(await review.locator('[data-role="change"] [data-label]').innerText()).toBe('change (verified)');
      await s.screenshot('roundtrip-btc-02-station-review');
      await holdButton(s.page, 'Hold to sign');
      const signed = s.page.locator('[data-step="psbt-signed"]');
      await signed.waitFor({ timeout: 30_000 });
      await s.screenshot('roundtrip-btc-03-station-signed');
      signedTexts = await captureQrTexts(signed.locator('canvas'), ['crypto-psbt', 'psbt'], 'rt-btc-signed');
    });
    const leg2 = Date.now();

    // Leg 3 — companion again (same profile): the pending send is restored; scan the answer, broadcast.
    {
      const c = await launchCompanion(profile, writeQrVideo(resolve(VIDEO_DIR, 'rt-btc-signed.y4m'), signedTexts, { fps: 10, repeat: 3 }));
      try {
        await c.page.goto(url);
        await c.page.getByRole('button', { name: /Bitcoin regtest Native SegWit/ }).click();
        await c.page.getByRole('button', { name: 'Send', exact: true }).click();
        const final = c.page.getByTestId('final-tx');
        await final.waitFor({ timeout: 120_000 });
        await shotTo(c.page, 'roundtrip-btc-04-companion-final');
        await c.page.getByRole('button', { name: 'Broadcast', exact: true }).click();
        const done = c.page.getByTestId('broadcast-done');
        await done.waitFor({ timeout: 30_000 });
        await shotTo(c.page, 'roundtrip-btc-05-broadcast-done');
        const txid = await done.getAttribute('data-txid');
        const acc = srv.accepted.find((a) => a.txid === txid);
        expect(acc, 'the Esplora double accepted the broadcast (signatures verified there)').toBeDefined();
        expect([...acc!.spent].sort()).toEqual([...given].sort());
        // independent look with bitcoinjs-lib: amounts and outputs
        const tx = bitcoin.Transaction.fromHex(acc!.hex);
        expect(tx.ins).toHaveLength(2);
        expect(bitcoin.address.fromOutputScript(tx.outs[0].script, bitcoin.networks.regtest)).toBe(THEIRS);
        expect(tx.outs[0].value).toBe(200_000n);
        const fee = 240_000n - tx.outs.reduce((a, o) => a + o.value, 0n);
        expect(fee > 0n && Number(fee) / tx.virtualSize() >= 3).toBe(true);
        expect(c.errors).toEqual([]);
      } finally {
        await c.context.close();
      }
    }
    console.log(`BTC round trip (2-input PSBT, ${psbtTexts.length} + ${signedTexts.length} QR parts): companion leg ${(leg1 - t0) / 1000}s, station leg ${(leg2 - leg1) / 1000}s, return leg ${(Date.now() - leg2) / 1000}s`);
  }, 600_000);

  it('Ethereum: eth-sign-request out by QR, eth-signature back by QR, hardhat mines it, balances change', async () => {
    const key = ethAccountKey(root);
    const ours = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
    const [, recipient] = await node.rpc<string[]>('eth_accounts');
    await node.fund(ours, 10n ** 19n);
    const recipientBefore = await node.balance(recipient);
    const profile = mkdtempSync(join(tmpdir(), 'airlock-companion-'));
    dirs.push(profile);
    const url = inject('companionUrl');
    const hdkeyVideo = writeQrVideo(resolve(VIDEO_DIR, 'rt-eth-hdkey.y4m'), urFrames('crypto-hdkey', encodeEthHdkeyCbor(key.fingerprint, key.xpub), 250), { fps: 10, repeat: 3 });

    let requestTexts: string[];
    {
      const c = await launchCompanion(profile, hdkeyVideo);
      try {
        const { page } = c;
        await page.goto(url);
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByLabel('Chain in use').selectOption('31337');
        await page.getByLabel(/JSON-RPC URL \(Local \(Hardhat\), chain 31337\)/).fill(node.url);
        await page.getByRole('button', { name: 'Save settings' }).click();
        await page.getByRole('button', { name: 'Pair', exact: true }).click();
        await page.getByTestId('pair-preview').waitFor({ timeout: 60_000 });
        await page.getByRole('button', { name: 'Add to the companion' }).click();
        await page.locator(`[data-testid="balance"][data-wei="${10n ** 19n}"]`).waitFor({ timeout: 60_000 });
        await shotTo(page, 'roundtrip-eth-01-account');
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await page.getByLabel('Recipient address').fill(recipient);
        await page.getByLabel('Amount').fill('1.5');
        await page.getByRole('button', { name: 'Review' }).click();
        await page.locator('[data-step="review"]').waitFor({ timeout: 30_000 });
        await shotTo(page, 'roundtrip-eth-02-review');
        await page.getByRole('button', { name: 'Show to the station' }).click();
        const canvas = page.locator('figure.animated-qr canvas');
        await canvas.waitFor();
        requestTexts = await captureQrTexts(canvas, ['eth-sign-request'], 'rt-eth-request');
        expect(c.errors).toEqual([]);
      } finally {
        await c.context.close();
      }
    }

    let sigTexts: string[] = [];
    await withSession('roundtrip-eth-station', { fakeVideo: writeQrVideo(resolve(VIDEO_DIR, 'rt-eth-request.y4m'), requestTexts, { fps: 10, repeat: 3 }) }, async (s) => {
      await setUpStation(s.page, inject('stationUrl'));
      await openScan(s.page);
      const review = s.page.locator('[data-step="eth-review"]');
      await review.waitFor({ timeout: 120_000 });
      expect(await review.locator('[data-value-wei]').innerText()).toBe('1.5 ETH');
      await s.screenshot('roundtrip-eth-03-station-review');
      await holdButton(s.page, 'Hold to sign');
      const signed = s.page.locator('[data-step="eth-signed"]');
      await signed.waitFor({ timeout: 30_000 });
      sigTexts = await captureQrTexts(signed.locator('canvas'), ['eth-signature'], 'rt-eth-signature');
    });

    {
      const c = await launchCompanion(profile, writeQrVideo(resolve(VIDEO_DIR, 'rt-eth-signature.y4m'), sigTexts, { fps: 10, repeat: 3 }));
      try {
        const { page } = c;
        await page.goto(url);
        await page.getByRole('button', { name: /Ethereum/ }).first().click();
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await page.getByTestId('final-tx').waitFor({ timeout: 120_000 });
        await page.getByRole('button', { name: 'Broadcast', exact: true }).click();
        const mined = page.locator('[data-testid="broadcast-done"]:not([data-mined=""])');
        await mined.waitFor({ timeout: 60_000 });
        await shotTo(page, 'roundtrip-eth-04-mined');
        const hash = (await mined.getAttribute('data-txid'))!;
        const raw = await node.rpc<{ from: string; to: string; value: string; type: string }>('eth_getTransactionByHash', [hash]);
        expect(raw.from.toLowerCase()).toBe(ours.toLowerCase());
        expect(raw.to.toLowerCase()).toBe(recipient.toLowerCase());
        expect(BigInt(raw.value)).toBe(15n * 10n ** 17n);
        expect(raw.type).toBe('0x2');
        const rawTx = await node.rpc<string>('eth_getRawTransactionByHash', [hash]).catch(() => undefined);
        if (rawTx) expect(EthersTx.from(rawTx).from).toBe(ours);
        expect(await node.balance(recipient)).toBe(recipientBefore + 15n * 10n ** 17n);
        const left = await node.balance(ours);
        expect(left < 10n ** 19n - 15n * 10n ** 17n, 'ours decreased by amount + fee').toBe(true);
        expect(left > 10n ** 19n - 16n * 10n ** 17n).toBe(true);
        expect(c.errors).toEqual([]);
      } finally {
        await c.context.close();
      }
    }
  }, 600_000);
});
