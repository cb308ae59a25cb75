/**
 * TEST DOUBLE — a local HTTP server that speaks the subset of the Esplora REST API the companion uses,
 * over an IN-MEMORY chain the test builds (no Bitcoin node can be installed here; issue 6). It is not a
 * Bitcoin node: there is no proof of work, no mempool policy, no script interpreter beyond what is below.
 *
 * Endpoints: GET /address/:a, /address/:a/utxo, /address/:a/txs, /tx/:txid/hex, /fee-estimates,
 * /blocks/tip/height; POST /tx (raw hex). CORS open (the companion is served from another port).
 *
 * POST /tx checks what a node would refuse, with bitcoinjs-lib (independent of the app's code):
 * the transaction parses; every input spends an output that exists in this chain and is unspent
 * (`bad-txns-inputs-missingorspent`); outputs ≤ inputs (`bad-txns-in-belowout`); every input's signature
 * verifies for its spent script — P2WPKH (BIP-143 sighash, ECDSA), P2WSH m-of-n multisig (BIP-143,
 * CHECKMULTISIG key order) and P2TR key path (BIP-341 sighash, Schnorr against the output key) — else `mandatory-script-verify-flag-failed`. Other script types are
 * refused as unsupported by this double. Accepted transactions enter the "mempool" (unconfirmed) and are
 * recorded in `accepted` for the test's own checks; `mine()` confirms everything.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from '@bitcoinerlab/secp256k1';

bitcoin.initEccLib(ecc);

interface ChainTx { tx: bitcoin.Transaction; hex: string; height?: number; fee: bigint }

export interface EsploraDouble {
  url: string;
  /** Pay `sats` to `address` in a new transaction (confirmed in a new block unless `confirmed` is false). */
  fund(address: string, sats: bigint, confirmed?: boolean): { txid: string; vout: number };
  /** Confirm all mempool transactions in a new block. */
  mine(): void;
  /** Transactions accepted by POST /tx, in order. */
  accepted: { txid: string; hex: string; spent: string[] }[];
  /** Reasons of refused broadcasts, in order. */
  refused: string[];
  /** Make the next POST /tx fail with this reason (tests the rejection message). */
  rejectNext(reason: string): void;
  /** Unspent outputs of an address (outpoint → sats), as the server sees them. */
  utxos(address: string): Map<string, bigint>;
  close(): Promise<void>;
}

export async function startEsploraServer(network: bitcoin.Network = bitcoin.networks.regtest): Promise<EsploraDouble> {
  const txs = new Map<string, ChainTx>();
  const order: string[] = [];
  let height = 100;
  let seq = 0;
  let forced: string | undefined;
  const accepted: EsploraDouble['accepted'] = [];
  const refused: string[] = [];

  const addrOf = (script: Uint8Array): string | undefined => {
    try {
      return bitcoin.address.fromOutputScript(script, network);
    } catch {
      return undefined;
    }
  };
  const spender = (txid: string, vout: number): string | undefined => {
    for (const id of order) {
      if (txs.get(id)!.tx.ins.some((i) => Buffer.from(i.hash).reverse().toString('hex') === txid && i.index === vout)) return id;
    }
    return undefined;
  };
  const prevout = (txid: string, vout: number) => txs.get(txid)?.tx.outs[vout];
  const status = (t: ChainTx) => (t.height === undefined ? { confirmed: false } : { confirmed: true, block_height: t.height, block_hash: '00'.repeat(32), block_time: 1_700_000_000 + t.height * 600 });

  function add(tx: bitcoin.Transaction, fee: bigint, confirmedHeight?: number) {
    const id = tx.getId();
    txs.set(id, { tx, hex: tx.toHex(), height: confirmedHeight, fee });
    order.push(id);
    return id;
  }

  function txJson(id: string) {
    const t = txs.get(id)!;
    return {
      txid: id,
      version: t.tx.version,
      locktime: t.tx.locktime,
      fee: Number(t.fee),
      status: status(t),
      vin: t.tx.ins.map((i) => {
        const ptxid = Buffer.from(i.hash).reverse().toString('hex');
        const p = prevout(ptxid, i.index);
        return { txid: ptxid, vout: i.index, sequence: i.sequence, prevout: p ? { scriptpubkey_address: addrOf(p.script), value: Number(p.value) } : null };
      }),
      vout: t.tx.outs.map((o) => ({ scriptpubkey: Buffer.from(o.script).toString('hex'), scriptpubkey_address: addrOf(o.script), value: Number(o.value) })),
    };
  }

  function outputsOf(address: string) {
    const res: { txid: string; vout: number; value: bigint; tx: ChainTx; spentBy?: string }[] = [];
    for (const id of order) {
      const t = txs.get(id)!;
      t.tx.outs.forEach((o, vout) => {
        if (addrOf(o.script) === address) res.push({ txid: id, vout, value: o.value, tx: t, spentBy: spender(id, vout) });
      });
    }
    return res;
  }

  function stats(address: string) {
    const outs = outputsOf(address);
    const s = { chain_stats: { funded_txo_count: 0, funded_txo_sum: 0, spent_txo_count: 0, spent_txo_sum: 0, tx_count: 0 }, mempool_stats: { funded_txo_count: 0, funded_txo_sum: 0, spent_txo_count: 0, spent_txo_sum: 0, tx_count: 0 } };
    const touched = { chain: new Set<string>(), mempool: new Set<string>() };
    for (const o of outs) {
      const b = o.tx.height === undefined ? s.mempool_stats : s.chain_stats;
      b.funded_txo_count++;
      b.funded_txo_sum += Number(o.value);
      (o.tx.height === undefined ? touched.mempool : touched.chain).add(o.txid);
      if (o.spentBy) {
        const sp = txs.get(o.spentBy)!;
        const sb = sp.height === undefined ? s.mempool_stats : s.chain_stats;
        sb.spent_txo_count++;
        sb.spent_txo_sum += Number(o.value);
        (sp.height === undefined ? touched.mempool : touched.chain).add(o.spentBy);
      }
    }
    s.chain_stats.tx_count = touched.chain.size;
    s.mempool_stats.tx_count = touched.mempool.size;
    return { address, ...s };
  }

  function verifyInput(tx: bitcoin.Transaction, i: number, prevScripts: Uint8Array[], values: bigint[]): string | undefined {
    const script = prevScripts[i];
    const w = tx.ins[i].witness;
    if (script.length === 22 && script[0] === 0x00 && script[1] === 0x14) {
      if (w.length !== 2) return 'witness-program-mismatch';
      const [sigDer, pub] = w;
      if (!Buffer.from(bitcoin.crypto.hash160(pub)).equals(Buffer.from(script.subarray(2)))) return 'witness-program-mismatch';
      const { signature, hashType } = bitcoin.script.signature.decode(sigDer);
      const scriptCode = bitcoin.payments.p2pkh({ pubkey: pub }).output!;
      const h = tx.hashForWitnessV0(i, scriptCode, values[i], hashType);
      return ecc.verify(h, pub, signature) ? undefined : 'mandatory-script-verify-flag-failed (Signature must be zero for failed CHECK(MULTI)SIG operation)';
    }
    if (script.length === 34 && script[0] === 0x51 && script[1] === 0x20) {
      if (w.length !== 1 || (w[0].length !== 64 && w[0].length !== 65)) return 'unsupported taproot spend in the test double';
      const sig = w[0];
      const hashType = sig.length === 65 ? sig[64] : bitcoin.Transaction.SIGHASH_DEFAULT;
      const h = tx.hashForWitnessV1(i, prevScripts, values, hashType);
      return ecc.verifySchnorr(h, script.subarray(2), sig.subarray(0, 64)) ? undefined : 'mandatory-script-verify-flag-failed (Invalid Schnorr signature)';
    }
    if (script.length === 34 && script[0] === 0x00 && script[1] === 0x20) {
      // P2WSH m-of-n (BIP-141/143): witness = [empty, sig…, witnessScript]; OP_CHECKMULTISIG matches
      // signatures to keys in order, each key used at most once.
      const ws = w[w.length - 1];
      if (!ws || !Buffer.from(bitcoin.crypto.sha256(ws)).equals(Buffer.from(script.subarray(2)))) return 'witness-program-mismatch';
      let ms: bitcoin.Payment;
      try {
        ms = bitcoin.payments.p2ms({ output: ws });
      } catch {
        return 'script type not supported by the test double';
      }
      const sigs = w.slice(1, -1);
      if (w[0].length !== 0 || sigs.length !== ms.m) return 'mandatory-script-verify-flag-failed (Dummy CHECKMULTISIG argument must be zero / wrong signature count)';
      let k = 0;
      for (const der of sigs) {
        const { signature, hashType } = bitcoin.script.signature.decode(der);
        const h = tx.hashForWitnessV0(i, ws, values[i], hashType);
        while (k < ms.pubkeys!.length && !ecc.verify(h, ms.pubkeys![k], signature)) k++;
        if (k++ >= ms.pubkeys!.length) return 'mandatory-script-verify-flag-failed (Signature must be zero for failed CHECK(MULTI)SIG operation)';
      }
      return undefined;
    }
    return 'script type not supported by the test double';
  }

  function accept(hex: string): { ok: true; txid: string } | { ok: false; reason: string } {
    if (forced) {
      const reason = forced;
      forced = undefined;
      return { ok: false, reason };
    }
    let tx: bitcoin.Transaction;
    try {
      tx = bitcoin.Transaction.fromHex(hex.trim());
    } catch {
      return { ok: false, reason: 'TX decode failed' };
    }
    const prevScripts: Uint8Array[] = [];
    const values: bigint[] = [];
    const spent: string[] = [];
    for (const input of tx.ins) {
      const ptxid = Buffer.from(input.hash).reverse().toString('hex');
      const p = prevout(ptxid, input.index);
      if (!p || spender(ptxid, input.index) || spent.includes(`${ptxid}:${input.index}`)) return { ok: false, reason: 'bad-txns-inputs-missingorspent' };
      prevScripts.push(p.script);
      values.push(p.value);
      spent.push(`${ptxid}:${input.index}`);
    }
    const inSum = values.reduce((a, v) => a + v, 0n);
    const outSum = tx.outs.reduce((a, o) => a + o.value, 0n);
    if (outSum > inSum) return { ok: false, reason: 'bad-txns-in-belowout' };
    for (let i = 0; i < tx.ins.length; i++) {
      const bad = verifyInput(tx, i, prevScripts, values);
      if (bad) return { ok: false, reason: `non-mandatory-script-verify-flag: input ${i}: ${bad}` };
    }
    const txid = add(tx, inSum - outSum);
    accepted.push({ txid, hex: tx.toHex(), spent });
    return { ok: true, txid };
  }

  const send = (res: ServerResponse, code: number, body: string, type = 'text/plain') => {
    res.writeHead(code, { 'content-type': type, 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'GET, POST, OPTIONS' });
    res.end(body);
  };
  const json = (res: ServerResponse, v: unknown) => send(res, 200, JSON.stringify(v), 'application/json');

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname.replace(/\/+$/, '');
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (req.method === 'POST' && p === '/tx') {
      let body = '';
      req.on('data', (d) => (body += String(d)));
      req.on('end', () => {
        const r = accept(body);
        if (r.ok) return send(res, 200, r.txid);
        refused.push(r.reason);
        send(res, 400, `sendrawtransaction RPC error: {"code":-26,"message":"${r.reason}"}`);
      });
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\/address\/([^/]+)$/.exec(p))) return json(res, stats(decodeURIComponent(m[1])));
    if ((m = /^\/address\/([^/]+)\/utxo$/.exec(p))) {
      return json(res, outputsOf(decodeURIComponent(m[1])).filter((o) => !o.spentBy).map((o) => ({ txid: o.txid, vout: o.vout, value: Number(o.value), status: status(o.tx) })));
    }
    if ((m = /^\/address\/([^/]+)\/txs$/.exec(p))) {
      const a = decodeURIComponent(m[1]);
      const ids = new Set<string>();
      for (const o of outputsOf(a)) {
        ids.add(o.txid);
        if (o.spentBy) ids.add(o.spentBy);
      }
      return json(res, [...ids].reverse().map(txJson));
    }
    if ((m = /^\/tx\/([0-9a-f]{64})\/hex$/.exec(p))) {
      const t = txs.get(m[1]);
      return t ? send(res, 200, t.hex) : send(res, 404, 'Transaction not found');
    }
    if (p === '/fee-estimates') return json(res, { '1': 12.5, '2': 10.1, '3': 8.2, '6': 4.0, '12': 2.1, '144': 1.0 });
    if (p === '/blocks/tip/height') return send(res, 200, String(height));
    send(res, 404, 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    refused,
    fund(address, sats, confirmed = true) {
      const tx = new bitcoin.Transaction();
      tx.version = 2;
      const h = Buffer.alloc(32);
      h.writeUInt32BE(++seq, 0);
      tx.addInput(h, 0xffffffff, 0xffffffff, Buffer.from([0x51]));
      tx.addOutput(bitcoin.address.toOutputScript(address, network), sats);
      if (confirmed) height++;
      const txid = add(tx, 0n, confirmed ? height : undefined);
      return { txid, vout: 0 };
    },
    mine() {
      height++;
      for (const id of order) {
        const t = txs.get(id)!;
        if (t.height === undefined) t.height = height;
      }
    },
    rejectNext(reason) {
      forced = reason;
    },
    utxos(address) {
      return new Map(outputsOf(address).filter((o) => !o.spentBy).map((o) => [`${o.txid}:${o.vout}`, o.value]));
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
