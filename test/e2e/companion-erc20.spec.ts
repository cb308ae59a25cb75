/**
 * ERC-20 end to end on a REAL local EVM node (hardhat, test/e2e/support/evm-node.ts): Token.sol
 * (test/e2e/support/erc20/) is compiled at test time with solc-js, deployed, and tokens are minted to
 * our watch-only address (m/44'/60'/0'/0/0 of the test key). In the companion: pair the Ethereum account
 * (crypto-hdkey, pasted), add the token by contract address (symbol/decimals/balance by eth_call), send
 * 1.25 tokens: the EIP-1559 transfer's animated ur:eth-sign-request is read back by zbarimg; the station
 * leg runs in Node with the station's own code (shared/ethereum/review.ts + sign.ts) — the camera legs of
 * the Ethereum path are already roundtrip.spec.ts — and its ur:eth-signature is given back through the
 * companion's paste fallback → broadcast → mined → balanceOf (eth_call, ethers' ABI coder) changed exactly.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Transaction as EthersTx } from 'ethers';
import { withSession } from './support/browser';
import { installCameraSwitch, pasteLines, readAnimatedQr, setCameraBlocked, TEST_MNEMONIC } from './support/station';
import { startEvmNode, type EvmNode } from './support/evm-node';
import { deployToken, type TestToken } from './support/erc20/token';
import { ethAccountKey } from '../../shared/ethereum/account-export';
import { encodeEthHdkeyUr } from '../../shared/ur/account-export';
import { parseEthSignRequest } from '../../shared/ethereum/request';
import { reviewEthRequest } from '../../shared/ethereum/review';
import { signEthRequest } from '../../shared/ethereum/sign';
import { encodeUrParts } from '../../shared/ur/animator';

const root = HDKey.fromMasterSeed(mnemonicToSeedSync(TEST_MNEMONIC));
const OURS = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';

let node: EvmNode;
let token: TestToken;
beforeAll(async () => {
  node = await startEvmNode();
  token = await deployToken(node, 'AIR', 6);
  await token.mint(OURS, 5_000_000n); // 5 AIR
  await node.fund(OURS, 10n ** 18n); // gas money
}, 120_000);
afterAll(async () => {
  await node?.stop();
});

describe('companion ERC-20', () => {
  it('adds a token by contract address, sends it through the station signer, the node mines it, balances change', async () => {
    const [, recipient] = await node.rpc<string[]>('eth_accounts');
    const k = ethAccountKey(root);
    await withSession('companion-erc20', {}, async (s) => {
      const { page } = s;
      await installCameraSwitch(page, true);
      await page.goto(inject('companionUrl'));
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Chain in use').selectOption('31337');
      await page.getByLabel(/JSON-RPC URL \(Local \(Hardhat\), chain 31337\)/).fill(node.url);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('button', { name: 'Pair', exact: true }).click();
      await page.getByText('Or paste a descriptor or key').click();
      await page.getByLabel(/Output descriptor/).fill(encodeEthHdkeyUr(k.fingerprint, k.xpub));
      await page.getByRole('button', { name: 'Read it' }).click();
      await page.getByRole('button', { name: 'Add to the companion' }).click();
      await page.locator(`[data-testid="balance"][data-wei="${10n ** 18n}"]`).waitFor({ timeout: 60_000 });

      await page.getByText('Add an ERC-20 token').click();
      await page.getByLabel('Token contract address').fill(token.address);
      await page.getByRole('button', { name: 'Add token' }).click();
      const row = page.locator(`li[data-token="${token.address}" i]`);
      await row.waitFor({ timeout: 30_000 });
      expect(await row.locator('strong').innerText()).toBe('5 AIR');
      await s.screenshot('companion-erc20-01-token-added');

      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const asset = await page.locator('#send-asset option', { hasText: 'AIR' }).getAttribute('value');
      await page.getByLabel('Asset').selectOption(asset!);
      await page.getByLabel('Recipient address').fill(recipient);
      await page.getByLabel('Amount').fill('1.25');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.locator('[data-step="review"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('dd[data-field="Amount"]').innerText()).toBe('1.25 AIR');
      await s.screenshot('companion-erc20-02-review');
      await page.getByRole('button', { name: 'Show to the station' }).click();
      const canvas = page.locator('figure.animated-qr canvas');
      await canvas.waitFor();
      const { payload } = await readAnimatedQr(canvas, ['eth-sign-request'], 'companion-erc20-request');
      if (payload.kind !== 'eth-sign-request') throw new Error(payload.kind);

      // the station leg, with the station's own review and signer
      const req = parseEthSignRequest(payload.cbor);
      const review = reviewEthRequest(req, { root });
      expect(review.to?.toLowerCase(), 'the transaction calls the token contract').toBe(token.address.toLowerCase());
      expect(review.valueWei).toBe(0n);
      expect(review.data?.type, 'transfer calldata recognised by the station').toBe('token-call');
      expect(JSON.stringify(review.data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).toContain('1250000');
      const sig = signEthRequest(payload.cbor, root, review);

      await page.getByRole('button', { name: 'Scan the signature' }).click();
      await setCameraBlocked(page, true);
      await pasteLines(page, encodeUrParts('eth-signature', sig.cbor));
      await page.getByTestId('final-tx').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Broadcast', exact: true }).click();
      const done = page.locator('[data-testid="broadcast-done"]:not([data-mined=""])');
      await done.waitFor({ timeout: 60_000 });
      await s.screenshot('companion-erc20-03-mined');
      const hash = (await done.getAttribute('data-txid'))!;
      const tx = await node.rpc<{ type: string; to: string; input: string }>('eth_getTransactionByHash', [hash]);
      expect(tx.type, 'EIP-1559').toBe('0x2');
      expect(tx.to.toLowerCase()).toBe(token.address.toLowerCase());
      const raw = await node.rpc<string>('eth_getRawTransactionByHash', [hash]).catch(() => undefined);
      if (raw) expect(EthersTx.from(raw).from, 'signed by our key').toBe(OURS);
      expect(await token.balanceOf(OURS)).toBe(3_750_000n);
      expect(await token.balanceOf(recipient)).toBe(1_250_000n);
      // the account screen refreshes the token balance from the node
      await page.getByRole('button', { name: 'Back to the account' }).click();
      await page.locator('li[data-token] strong', { hasText: '3.75 AIR' }).waitFor({ timeout: 30_000 });
      await s.screenshot('companion-erc20-04-balance-after');
      expect(s.errors).toEqual([]);
    });
  }, 180_000);
});
