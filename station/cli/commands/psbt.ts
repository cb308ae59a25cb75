/**
 * CLI commands for Bitcoin (CLI.md "Bitcoin"): `psbt review`, `psbt sign`, `multisig register`,
 * `multisig cosigner`. Input is auto-detected (base64, hex, binary, UR parts) and answered in the same
 * encoding. Exit 0 done; 1 refused (nothing signable, network mismatch, unusual sighash, policy);
 * 2 bad input (unparseable PSBT, contradicting UTXO data, other network's extended key, not a cosigner).
 */
import { readFileSync } from 'node:fs';
import type { Command, CliContext } from '../framework';
import { RefusedError, UsageError } from '../framework';
import { SECRET_OPTIONS, cliNetwork, withCliRoot } from '../secrets';
import { AUDIT_OPTIONS, checkCliPolicy, recordCliAudit } from '../audit-hook';
import { VAULT_OPTIONS, openCliVault } from '../vault-file';
import { AppError, userMessage } from '../../../shared/errors';
import { readPayload, writePayload } from '../../../shared/ur/payload-io';
import type { BtcNetwork } from '../../../shared/bitcoin/networks';
import type { HDKey } from '../../../shared/keys/hd';
import { formatFingerprint } from '../../../shared/keys/hd';
import { HIGH_FEE, reviewPsbt, type PsbtReview } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import { exportCosignerText, isCosigner, parseMultisigWallet, policyText, type MultisigWallet } from '../../../shared/bitcoin/multisig';
import { loadRegisteredWallets, registerWallet } from '../../../shared/bitcoin/multisig-store';
import { psbtSignedEvent } from '../../../shared/audit/events';

const WALLET_OPTION = { name: 'wallet', value: 'FILE', repeat: true, help: 'multisig wallet (descriptor, Coldcard/Sparrow file or BSMS) declared for this call; repeatable' };

const REVIEW_HELP = `Output: JSON {network, version, inputs[], outputs[], fee_sat, fee_rate_sat_vb, vsize, warnings[], can_sign}.
An output is "change": true only when re-derived from this key (same account and script type) or from a
registered (--vault) or declared (--wallet) multisig wallet.
Warnings: HIGH_FEE, MISSING_UTXO, SEGWIT_UTXO_UNVERIFIED, UNUSUAL_SIGHASH, FOREIGN_INPUTS,
CHANGE_NOT_VERIFIED, NETWORK_MISMATCH, OP_RETURN, LOCKTIME, RBF.
HIGH_FEE thresholds: fee above ${HIGH_FEE.absoluteSats} sat (0.01 BTC); or above ${HIGH_FEE.percentOfSent}% of the amount sent to
non-change outputs and above ${HIGH_FEE.percentMinSats} sat; or above ${HIGH_FEE.rateSatVb} sat/vB.
fee_sat is null when an input carries no UTXO data; vsize is estimated for the signed transaction.`;

function readWallets(ctx: CliContext, network: BtcNetwork): MultisigWallet[] {
  const files = ctx.opts.wallet;
  const list = Array.isArray(files) ? files : typeof files === 'string' ? [files] : [];
  return list.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      throw new UsageError(`cannot read --wallet file ${JSON.stringify(f)}`);
    }
    try {
      return parseMultisigWallet(text, network);
    } catch (e) {
      if (e instanceof AppError && e.code === 'keys/wrong-network') {
        throw new UsageError(`--wallet ${f}: a key in this wallet is for another network than ${network.name}`);
      }
      if (e instanceof AppError) throw new UsageError(`--wallet ${f}: ${userMessage(e)}`);
      throw e;
    }
  });
}

async function allWallets(ctx: CliContext, root: HDKey, network: BtcNetwork, declared: MultisigWallet[]): Promise<MultisigWallet[]> {
  const vault = await openCliVault(ctx, root, false);
  if (!vault) return declared;
  try {
    return [...(await loadRegisteredWallets(vault, network)), ...declared];
  } finally {
    vault.lock();
  }
}

const num = (v: bigint | null) => (v === null ? null : Number(v));

/** The CLI.md JSON shape of a review. */
export function reviewJson(r: PsbtReview): Record<string, unknown> {
  return {
    network: r.network,
    version: r.psbtVersion,
    txid: r.txid,
    inputs: r.inputs.map((i) => ({ txid: i.txid, vout: i.vout, value_sat: num(i.valueSats), ours: i.ours, path: i.path, script_type: i.scriptType })),
    outputs: r.outputs.map((o) => ({ address: o.address, value_sat: num(o.valueSats), change: o.role === 'change', path: o.path, role: o.role })),
    fee_sat: num(r.feeSats),
    fee_rate_sat_vb: r.feeRateSatVb,
    vsize: r.vsize,
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message })),
    can_sign: r.canSign,
  };
}

function readPsbtPayload(ctx: CliContext) {
  return readPayload(new Uint8Array(ctx.readInput()));
}

const psbtReview: Command = {
  path: ['psbt', 'review'],
  summary: 'show what a PSBT does (outputs, verified change, fee, warnings) as JSON',
  help: REVIEW_HELP,
  options: [...SECRET_OPTIONS, WALLET_OPTION, ...VAULT_OPTIONS],
  async run(ctx) {
    const network = cliNetwork(ctx);
    const declared = readWallets(ctx, network);
    const payload = readPsbtPayload(ctx);
    const review = await withCliRoot(ctx, async (root, net) =>
      reviewPsbt(payload.bytes, { network: net, keys: root, wallets: await allWallets(ctx, root, net, declared) }));
    ctx.write(JSON.stringify(reviewJson(review), null, 2));
  },
};

function refusal(r: PsbtReview): string | undefined {
  const net = r.warnings.find((w) => w.code === 'NETWORK_MISMATCH');
  if (net) return net.message;
  const sh = r.warnings.find((w) => w.code === 'UNUSUAL_SIGHASH');
  if (sh) return sh.message;
  if (!r.inputs.some((i) => i.ours)) {
    const missing = r.inputs.find((i) => i.reason === 'missing-utxo');
    return missing
      ? `input ${missing.index} uses this key but carries no UTXO data, so it cannot be signed; nothing was signed`
      : 'none of the inputs belong to this key (fingerprint and derivation checked), so there is nothing to sign; nothing was signed';
  }
  return undefined;
}

const psbtSign: Command = {
  path: ['psbt', 'sign'],
  summary: 'sign the inputs of a PSBT that belong to this key (after the same checks as psbt review)',
  help: `Adds partial signatures (RFC 6979 ECDSA, BIP-340 Schnorr) to the inputs this key controls, and
answers in the encoding it read. Refuses (exit 1): nothing signable, NETWORK_MISMATCH, a sighash other
than ALL/DEFAULT, a policy. Other warnings (see psbt review --help) inform but do not stop signing.`,
  options: [...SECRET_OPTIONS, WALLET_OPTION, ...VAULT_OPTIONS, ...AUDIT_OPTIONS,
    { name: 'finalize', help: 'finalize inputs that have all their signatures' },
    { name: 'max-fragment', value: 'N', help: 'UR output: split into parts of at most N bytes' }],
  async run(ctx) {
    const network = cliNetwork(ctx);
    const declared = readWallets(ctx, network);
    const maxFragment = ctx.int('max-fragment', 10);
    const payload = readPsbtPayload(ctx);
    const out = await withCliRoot(ctx, async (root, net) => {
      const wallets = await allWallets(ctx, root, net, declared);
      const review = reviewPsbt(payload.bytes, { network: net, keys: root, wallets });
      const why = refusal(review);
      if (why) throw new RefusedError(why);
      const payments = review.outputs.filter((o) => o.role !== 'change');
      checkCliPolicy(ctx, {
        chain: 'btc',
        amount: review.sentSats,
        destinations: payments.map((o) => o.address).filter((a): a is string => a !== null),
        fingerprint: formatFingerprint(root.fingerprint),
      });
      let signed;
      try {
        signed = signPsbt(payload.bytes, root, review, { network: net, wallets, finalize: ctx.opts.finalize === true });
      } catch (e) {
        if (e instanceof AppError && ['psbt/unsupported-sighash', 'psbt/network-mismatch', 'psbt/no-inputs-ours', 'psbt/review-changed'].includes(e.code)) {
          throw new RefusedError(userMessage(e));
        }
        throw e;
      }
      await recordCliAudit(ctx, root, psbtSignedEvent({
        txid: review.txid,
        feeSats: review.feeSats ?? 0n,
        inputs: signed.signedInputs.length,
        outputs: review.outputs.map((o) => ({ address: o.address, amountSats: o.valueSats, change: o.role === 'change' })),
        network: net.name,
        fingerprint: formatFingerprint(root.fingerprint),
      }));
      ctx.warn(`signed input${signed.signedInputs.length > 1 ? 's' : ''} ${signed.signedInputs.join(', ')}${signed.finalizedInputs.length ? `; finalized ${signed.finalizedInputs.join(', ')}` : ''}`);
      return signed.psbt;
    });
    ctx.write(writePayload(out, payload, maxFragment ? { maxFragment } : {}));
  },
};

const multisigRegister: Command = {
  path: ['multisig', 'register'],
  summary: 'register a multisig wallet (descriptor, Coldcard/Sparrow file or BSMS on stdin) in the vault',
  help: `Prints the wallet's name, policy (M-of-N) and cosigner fingerprints after storing it (encrypted)
in --vault FILE. Exit 2 if this key is not one of the cosigners.`,
  options: [...SECRET_OPTIONS, ...VAULT_OPTIONS],
  async run(ctx) {
    const network = cliNetwork(ctx);
    if (ctx.str('vault') === undefined) throw new UsageError('multisig register needs --vault FILE');
    let wallet: MultisigWallet;
    try {
      wallet = parseMultisigWallet(ctx.readText(), network);
    } catch (e) {
      if (e instanceof AppError && e.code === 'keys/wrong-network') throw new UsageError(`a key in this wallet is for another network than ${network.name}`);
      throw e;
    }
    const lines = await withCliRoot(ctx, async (root, net) => {
      if (!isCosigner(wallet, root, net)) throw new AppError('multisig/not-cosigner', { fingerprint: formatFingerprint(root.fingerprint) });
      const vault = (await openCliVault(ctx, root, true))!;
      try {
        await registerWallet(vault, wallet);
      } finally {
        vault.lock();
      }
      return [
        `name: ${wallet.name}`,
        `policy: ${policyText(wallet)}`,
        `script: ${wallet.scriptType}${wallet.sorted ? ' sortedmulti' : ' multi'}`,
        `cosigners: ${wallet.cosigners.map((c) => c.fingerprint).join(' ')}`,
      ];
    });
    ctx.write(lines.join('\n'));
  },
};

const multisigCosigner: Command = {
  path: ['multisig', 'cosigner'],
  summary: "print this key's BIP-48 P2WSH cosigner key in the Coldcard/Sparrow text format",
  options: [...SECRET_OPTIONS, { name: 'account', value: 'N', help: 'account number (default 0)' }],
  async run(ctx) {
    const a = ctx.str('account') ?? '0';
    if (!/^\d{1,9}$/.test(a)) throw new UsageError('--account needs a number');
    const text = await withCliRoot(ctx, (root, net) => exportCosignerText(root, net, Number(a)));
    ctx.write(text);
  },
};

export const psbtCommands: Command[] = [psbtReview, psbtSign, multisigRegister, multisigCosigner];
