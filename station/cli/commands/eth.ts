/** CLI commands for Ethereum EIP-4527 signing: `eth review`, `eth sign` (CLI.md "Ethereum"). */
import type { Command, CliContext } from '../framework';
import { RefusedError, UsageError } from '../framework';
import { SECRET_OPTIONS, withCliRoot } from '../secrets';
import { AUDIT_OPTIONS, checkCliPolicy, recordCliAudit } from '../audit-hook';
import { readPayload, writePayload, type Payload } from '../../../shared/ur/payload-io';
import { parseEthSignRequest, MAX_ETH_REQUEST_BYTES } from '../../../shared/ethereum/request';
import {
  reviewEthRequest,
  HIGH_FEE_PER_GAS_WEI,
  HIGH_FEE_RELATIVE_MIN_WEI,
  HIGH_FEE_WEI,
  type EthDecodedData,
  type EthReview,
} from '../../../shared/ethereum/review';
import { signEthRequest } from '../../../shared/ethereum/sign';
import { UNLIMITED_ALLOWANCE_THRESHOLD } from '../../../shared/ethereum/abi-hints';
import { ethSignedEvent } from '../../../shared/audit/events';
import { formatUnits } from '../../../shared/units';

const REVIEW_HELP = [
  'Input: ur:eth-sign-request part(s) (one per line, any order), or the request CBOR as hex/base64/binary.',
  'Warnings:',
  '  UNLIMITED_APPROVAL  approve/increaseAllowance of at least 2^128, setApprovalForAll(true), or an unlimited permit',
  '  BLIND_SIGNING       calldata Airlock cannot decode (known: ERC-20/721/1155 transfers and approvals)',
  '  CONTRACT_CREATION   the transaction deploys a contract (no recipient)',
  `  HIGH_FEE            max fee (gas limit x max fee per gas, or x gas price) above ${formatUnits(HIGH_FEE_WEI, 18)} (native unit),`,
  `                      or above ${formatUnits(HIGH_FEE_PER_GAS_WEI, 9)} gwei per gas,`,
  `                      or above 10% of the value sent and above ${formatUnits(HIGH_FEE_RELATIVE_MIN_WEI, 18)}`,
  '  UNKNOWN_CHAIN       chain id not in Airlock\'s list of well-known networks',
  '  PERMIT              EIP-712 permit-style approval (EIP-2612, DAI, Permit2)',
  '  CHAIN_MISMATCH      EIP-712 domain chainId differs from the request chain id',
  '  NO_REPLAY_PROTECTION legacy transaction without EIP-155 chain id (never signed)',
  'can_sign is false (with "refusal") when the source fingerprint is not ours, the path is outside',
  "m/44'/60'/…, the request address is not ours at that path, or there is no fingerprint and no address.",
  `Requests larger than ${MAX_ETH_REQUEST_BYTES} bytes are rejected (exit 2). Unlimited threshold: ${UNLIMITED_ALLOWANCE_THRESHOLD}.`,
].join('\n');

function readRequest(ctx: CliContext): Payload {
  const p = readPayload(ctx.readInput());
  if (p.encoding === 'ur' && p.urType !== 'eth-sign-request') {
    throw new UsageError(`expected a ur:eth-sign-request, got ur:${p.urType}`);
  }
  return p;
}

function decodedJson(d: EthDecodedData | null): unknown {
  if (!d) return null;
  switch (d.type) {
    case 'token-call':
      return {
        type: d.type,
        method: d.method,
        signature: d.signature,
        selector: d.selector,
        standard: d.standard,
        args: d.args,
        unlimited_approval: d.unlimitedApproval,
      };
    case 'unknown-call':
      return { type: d.type, selector: d.selector, data_bytes: d.dataBytes };
    case 'contract-creation':
      return { type: d.type, init_code_bytes: d.initCodeBytes };
    case 'typed-data':
      return { type: d.type, primary_type: d.primaryType, domain: d.domain, message: d.message, permit: d.permit ?? null };
    case 'message':
      return { type: d.type, encoding: d.encoding, text: d.text, bytes: d.bytes };
  }
}

const s = (v: bigint | undefined) => (v === undefined ? null : v.toString());

/** The review as the CLI's JSON (CLI.md field names first, extra fields after). */
export function reviewJson(r: EthReview, sourceFingerprint: string | undefined): Record<string, unknown> {
  return {
    request_id: r.requestId ?? null,
    chain_id: Number(r.chain.id),
    kind: r.kind,
    from: r.from ?? null,
    to: r.to,
    value_wei: r.valueWei.toString(),
    max_cost_wei: r.maxCostWei.toString(),
    data_decoded: decodedJson(r.data),
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message })),
    can_sign: r.canSign,
    refusal: r.refusal ? { code: r.refusal.code, message: r.refusal.message } : null,
    chain_name: r.chain.name ?? null,
    path: r.path,
    source_fingerprint: sourceFingerprint ?? null,
    origin: r.origin ?? null,
    nonce: s(r.nonce),
    gas_limit: s(r.gasLimit),
    gas_price_wei: s(r.gasPriceWei),
    max_fee_per_gas_wei: s(r.maxFeePerGasWei),
    max_priority_fee_per_gas_wei: s(r.maxPriorityFeePerGasWei),
    max_fee_wei: r.maxFeeWei.toString(),
  };
}

const review: Command = {
  path: ['eth', 'review'],
  summary: 'review an EIP-4527 eth-sign-request → JSON',
  help: REVIEW_HELP,
  options: [...SECRET_OPTIONS],
  async run(ctx) {
    const payload = readRequest(ctx);
    const req = parseEthSignRequest(payload.bytes);
    const json = await withCliRoot(ctx, (root) => reviewJson(reviewEthRequest(req, { root }), req.sourceFingerprint));
    ctx.write(JSON.stringify(json, null, 2) + '\n');
  },
};

const sign: Command = {
  path: ['eth', 'sign'],
  summary: 'sign an EIP-4527 eth-sign-request → ur:eth-signature (same request-id)',
  help:
    'Signs only what `eth review` shows with can_sign true; otherwise refuses (exit 1) with the reason.\n' +
    'v: 0/1 for EIP-2930/EIP-1559, chainId*2+35+parity for legacy (EIP-155), 27/28 for messages and EIP-712.\n' +
    'Answer in the input encoding: UR in → ur:eth-signature (single part unless --max-fragment), hex/base64/binary CBOR in → same.\n\n' +
    REVIEW_HELP,
  options: [...SECRET_OPTIONS, { name: 'max-fragment', value: 'N', help: 'split the UR answer into parts of at most N bytes' }, ...AUDIT_OPTIONS],
  async run(ctx) {
    const frag = ctx.int('max-fragment', 10);
    const payload = readRequest(ctx);
    const req = parseEthSignRequest(payload.bytes);
    await withCliRoot(ctx, async (root) => {
      const approved = reviewEthRequest(req, { root });
      if (!approved.canSign) throw new RefusedError(approved.refusal?.message ?? 'this request cannot be signed');
      const fingerprint = (root.fingerprint >>> 0).toString(16).padStart(8, '0');
      checkCliPolicy(ctx, {
        chain: 'eth',
        amount: approved.valueWei,
        destinations: approved.to ? [approved.to] : [],
        fingerprint,
        account: approved.path.split('/').slice(0, 4).join('/'),
      });
      const res = signEthRequest(payload.bytes, root, approved);
      await recordCliAudit(
        ctx,
        root,
        ethSignedEvent({ kind: approved.kind, chainId: approved.chain.id, hash: res.hash, to: approved.to, valueWei: approved.valueWei, fingerprint, path: approved.path }),
      );
      const like = payload.encoding === 'ur' ? { encoding: 'ur' as const, urType: 'eth-signature' } : { encoding: payload.encoding };
      ctx.write(writePayload(res.cbor, like, frag ? { maxFragment: frag } : {}));
    });
  },
};

export const ethCommands: Command[] = [review, sign];
