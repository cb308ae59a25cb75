import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hexToBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import {
  derivePath,
  masterFingerprint,
  parseExtendedKey,
  rootFromSeed,
  rootFromXprv,
  withRoot,
  xpubFor,
} from '../../../shared/keys/hd';
import { accountPath, formatPath, normalizePath, parsePath } from '../../../shared/keys/paths';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { SecretBytes } from '../../../shared/secret';
import { AppError } from '../../../shared/errors';

const FILE = 'test/vectors/bip32.json';
const V = JSON.parse(readFileSync(FILE, 'utf8')) as {
  vectors: { vector: number; seed_hex: string; chains: { path: string; ext_pub: string; ext_prv: string }[] }[];
  invalid_extended_keys: { key: string; reason: string }[];
};

describe('BIP-32 official vectors 1–4', () => {
  for (const v of V.vectors) {
    it(`${FILE}#vector${v.vector}`, () => {
      withRoot(new SecretBytes(hexToBytes(v.seed_hex)), (root) => {
        v.chains.forEach((c, i) => {
          const label = `${FILE}#vector${v.vector}.${i}: ${c.path}`;
          const k = derivePath(root, c.path);
          expect(k.privateExtendedKey, `${label} xprv`).toBe(c.ext_prv);
          expect(xpubFor(k, NETWORKS.mainnet), `${label} xpub`).toBe(c.ext_pub);
          // the private key parses back through our parser
          expect(rootFromXprv(c.ext_prv, NETWORKS.mainnet).publicExtendedKey, `${label} parse xprv`).toBe(c.ext_pub);
        });
      });
    });
  }
});

describe('BIP-32 vector 5: invalid extended keys are rejected', () => {
  V.invalid_extended_keys.forEach((x, i) => {
    it(`${FILE}#invalid${i}: ${x.reason}`, () => {
      let err: unknown;
      try {
        parseExtendedKey(x.key, NETWORKS.mainnet);
      } catch (e) {
        err = e;
      }
      expect(err, `${FILE}#invalid${i}: ${x.reason}`).toBeInstanceOf(AppError);
      expect(['keys/bad-xkey', 'keys/wrong-network']).toContain((err as AppError).code);
    });
  });
});

describe('withRoot / fingerprints / networks', () => {
  const seed = () => new SecretBytes(hexToBytes(V.vectors[0].seed_hex));
  it('withRoot wipes the private key after fn, also when fn throws', () => {
    let kept: HDKey | undefined;
    withRoot(seed(), (r) => {
      kept = r;
      expect(r.privateKey).not.toBeNull();
    });
    expect(kept!.privateKey).toBeNull();
    expect(() =>
      withRoot(seed(), (r) => {
        kept = r;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(kept!.privateKey).toBeNull();
  });
  it('master fingerprint of vector 1 is 3442193e (its m/0H parent fingerprint)', () => {
    expect(masterFingerprint(seed())).toBe('3442193e');
    withRoot(seed(), (r) => expect(masterFingerprint(r)).toBe('3442193e'));
  });
  it('xpub re-encoded for test networks starts with tpub; tprv is refused on mainnet', () => {
    const tprv = rootFromSeed(seed(), NETWORKS.testnet.bip32);
    expect(xpubFor(tprv, NETWORKS.regtest)).toMatch(/^tpub/);
    const text = tprv.privateExtendedKey;
    expect(text).toMatch(/^tprv/);
    expect(() => rootFromXprv(text, NETWORKS.mainnet)).toThrowError(expect.objectContaining({ code: 'keys/wrong-network' }));
    expect(rootFromXprv(text, NETWORKS.signet).privateKey).not.toBeNull();
    expect(() => rootFromXprv(V.vectors[0].chains[0].ext_prv, NETWORKS.testnet)).toThrowError(
      expect.objectContaining({ code: 'keys/wrong-network' }),
    );
  });
  it('an xpub is not accepted where a private key is needed', () => {
    expect(() => rootFromXprv(V.vectors[0].chains[0].ext_pub, NETWORKS.mainnet)).toThrowError(expect.objectContaining({ code: 'keys/bad-xkey' }));
  });
});

describe('paths', () => {
  it("accepts ', h and H; formats with '", () => {
    const H = 0x80000000;
    expect(parsePath("m/84'/0'/0'")).toEqual([84 + H, H, H]);
    expect(parsePath('m/84h/0H/0h/1/5')).toEqual([84 + H, H, H, 1, 5]);
    expect(parsePath('m')).toEqual([]);
    expect(normalizePath('84h/1h/2')).toBe("m/84'/1'/2");
    expect(formatPath([48 + H, H, H, 2 + H])).toBe("m/48'/0'/0'/2'");
  });
  it('rejects malformed paths', () => {
    for (const p of ['m/x', "m/1''", 'm//1', 'm/2147483648', 'm/-1', "m/0'/*"]) {
      expect(() => parsePath(p), p).toThrowError(expect.objectContaining({ code: 'keys/bad-path' }));
    }
  });
  it('standard account paths per network coin type', () => {
    expect(accountPath('p2wpkh', 0)).toBe("m/84'/0'/0'");
    expect(accountPath('p2tr', 1, 3)).toBe("m/86'/1'/3'");
    expect(accountPath('p2wsh-multi', 0, 1)).toBe("m/48'/0'/1'/2'");
    expect(accountPath('p2pkh', 0)).toBe("m/44'/0'/0'");
    expect(accountPath('p2sh-p2wpkh', 1)).toBe("m/49'/1'/0'");
  });
});
