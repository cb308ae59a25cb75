/**
 * Companion multisig in Chromium (issue 6 "Multisig"): three stations' cosigner exports — a
 * ur:crypto-account (its BIP-48 wsh(cosigner) output), a Coldcard/Sparrow key text and a Coldcard JSON —
 * are pasted one after another; the user picks 2-of-3; the wallet's first address and descriptor match
 * shared/bitcoin/multisig.ts; the account syncs from the in-memory Esplora double
 * (test/e2e/support/esplora-server.ts, which verifies P2WSH multisig signatures). A send's animated
 * ur:crypto-psbt is read back by zbarimg; two stations (station code in Node, wallet registered) review
 * — change verified — and sign; their answers go back through the paste fallback one after another
 * (the webcam path is roundtrip.spec.ts): progress 1 of 2, a PSBT of another transaction refused, then
 * complete → final look → broadcast accepted by the double, spending exactly the coins it served.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Transaction } from '@scure/btc-signer';
import { withSession } from './support/browser';
import { installCameraSwitch, pasteLines, readAnimatedQr } from './support/station';
import { startEsploraServer, type EsploraDouble } from './support/esplora-server';
import { multisigAddress, walletDescriptor } from '../../shared/bitcoin/multisig';
import { NET, THEIRS, cosignerExports, roots, wallet } from '../unit/support/multisig-wallet';
import { reviewPsbt } from '../../shared/bitcoin/review';
import { signPsbt } from '../../shared/bitcoin/sign';
import { encodeUrParts } from '../../shared/ur/animator';
import { encodePsbtCbor } from '../../shared/ur/registry';


let srv: EsploraDouble;
beforeAll(async () => {
  srv = await startEsploraServer();
});
afterAll(async () => {
  await srv?.close();
});

/** Station i (wallet registered) reviews and signs; returns its answer as UR parts and its review. */
function station(psbt: Uint8Array, i: number) {
  const review = reviewPsbt(psbt, { network: NET, keys: roots[i], wallets: [wallet] });
  const signed = signPsbt(psbt, roots[i], review, { network: NET, wallets: [wallet] }).psbt;
  return { review, ur: encodeUrParts('crypto-psbt', encodePsbtCbor(signed)) };
}

describe('companion multisig', () => {
  it('2-of-3 from three cosigner exports → balance → send → two answers combined → broadcast', async () => {
    const given = [srv.fund(multisigAddress(wallet, 0, 0, NET), 150_000n), srv.fund(multisigAddress(wallet, 0, 2, NET), 90_000n)].map((u) => `${u.txid}:${u.vout}`);
    const exportsText = cosignerExports();
    await withSession('companion-multisig', {}, async (s) => {
      const { page } = s;
      await installCameraSwitch(page, true);
      await page.goto(inject('companionUrl'));
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Esplora URL (regtest)').fill(srv.url);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('button', { name: 'Pair', exact: true }).click();
      await page.getByLabel('Bitcoin network').selectOption('regtest');
      await page.getByRole('button', { name: /Create a multisig wallet/ }).click();
      await page.getByText('Or paste a cosigner key or a wallet descriptor').click();
      for (const [i, t] of exportsText.entries()) {
        await page.getByLabel(/Cosigner export/).fill(t);
        await page.getByRole('button', { name: 'Add it' }).click();
        await page.locator('[data-testid="cosigner-list"] li').nth(i).waitFor();
      }
      expect(await page.locator('[data-testid="cosigner-list"] li').evaluateAll((l) => l.map((e) => e.getAttribute('data-fingerprint')))).toEqual(wallet.cosigners.map((c) => c.fingerprint));
      await page.getByLabel('Signatures required (M)').selectOption('2');
      await page.getByLabel('Name').fill('Family vault');
      await s.screenshot('companion-ms-01-cosigners');
      await page.getByRole('button', { name: 'Create the wallet' }).click();
      const preview = page.getByTestId('multisig-preview');
      await preview.waitFor();
      expect(await preview.locator('code[data-value]').first().getAttribute('data-value'), 'first address').toBe(multisigAddress(wallet, 0, 0, NET));
      expect(await preview.getByTestId('multisig-descriptor').textContent()).toBe(walletDescriptor(wallet));
      await s.screenshot('companion-ms-02-preview');
      await page.getByRole('button', { name: 'Add the multisig wallet' }).click();
      await page.locator('[data-testid="balance"][data-sats="240000"]').waitFor({ timeout: 60_000 });
      await page.getByRole('heading', { name: 'Family vault' }).waitFor();
      await page.getByText('Register on the stations').click();
      await page.locator('[data-testid="multisig-share"] figure.animated-qr canvas').waitFor();
      await s.screenshot('companion-ms-03-account-share');

      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByLabel('Recipient address').fill(THEIRS);
      await page.getByLabel('Amount (BTC)').fill('0.002');
      await page.getByLabel('Fee rate (sat/vB)').fill('2');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.locator('[data-step="review"]').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Show to the station' }).click();
      const { payload } = await readAnimatedQr(page.locator('figure.animated-qr canvas'), ['crypto-psbt'], 'companion-ms-psbt');
      if (payload.kind !== 'psbt') throw new Error(payload.kind);
      const psbt = payload.bytes;
      const tx = Transaction.fromPSBT(psbt);
      for (let i = 0; i < tx.inputsLength; i++) expect(given, `input ${i} is a coin the server gave`).toContain(`${Buffer.from(tx.getInput(i).txid!).toString('hex')}:${tx.getInput(i).index}`);

      const a = station(psbt, 2);
      const b = station(psbt, 0);
      for (const r of [a.review, b.review]) expect(r.outputs.map((o) => o.role), 'each station verifies the change').toEqual(['payment', 'change']);
      const other = Transaction.fromPSBT(psbt);
      other.updateOutput(0, { amount: 190_000n });

      await page.getByRole('button', { name: 'Scan the signed transaction' }).click();
      await pasteLines(page, a.ur);
      await page.locator(`[data-testid="multisig-progress"][data-signatures="1"][data-signers="${wallet.cosigners[2].fingerprint}"]`).waitFor({ timeout: 30_000 });
      await s.screenshot('companion-ms-04-one-of-two');
      await pasteLines(page, station(other.toPSBT(0), 1).ur);
      await page.locator('.error-panel[data-error-code="wallet/signed-psbt-mismatch"]').waitFor();
      await pasteLines(page, b.ur);
      await page.getByTestId('final-tx').waitFor({ timeout: 30_000 });
      await s.screenshot('companion-ms-05-final');
      await page.getByRole('button', { name: 'Broadcast', exact: true }).click();
      const done = page.getByTestId('broadcast-done');
      await done.waitFor({ timeout: 30_000 });
      const txid = await done.getAttribute('data-txid');
      const accepted = srv.accepted.find((x) => x.txid === txid);
      expect(accepted, 'the double verified both signatures of every input and accepted').toBeTruthy();
      for (const sp of accepted!.spent) expect(given).toContain(sp);
      expect(s.errors).toEqual([]);
    });
  }, 120_000);
});
