import { describe, expect, it } from 'vitest';
import { evaluateChecks, worstStatus } from '../../../shared/audit/checks';

const byId = (r: ReturnType<typeof evaluateChecks>) => Object.fromEntries(r.map((c) => [c.id, c.status]));

describe('environment checks', () => {
  it('an air-gapped, secure, persisted station passes every check', () => {
    const r = evaluateChecks({ online: false, secureContext: true, storagePersisted: true, serviceWorkerControlled: false });
    expect(byId(r)).toEqual({ offline: 'ok', 'secure-context': 'ok', 'storage-persisted': 'ok', 'service-worker': 'ok' });
    expect(worstStatus(r)).toBe('ok');
  });

  it('an online station fails the offline check', () => {
    const r = evaluateChecks({ online: true, secureContext: true, storagePersisted: true });
    expect(byId(r).offline).toBe('fail');
    expect(worstStatus(r)).toBe('fail');
    expect(byId(evaluateChecks({ online: false, networkInterfaces: 1 })).offline).toBe('fail');
  });

  it('insecure context fails, unpersisted storage warns, unknown facts are unknown', () => {
    const r = byId(evaluateChecks({ secureContext: false, storagePersisted: false }));
    expect(r['secure-context']).toBe('fail');
    expect(r['storage-persisted']).toBe('warn');
    expect(r.offline).toBe('unknown');
  });

  it('companion: online is fine, no service worker warns', () => {
    const r = byId(evaluateChecks({ online: true, secureContext: true, storagePersisted: true, serviceWorkerControlled: false }, 'companion'));
    expect(r.offline).toBe('ok');
    expect(r['service-worker']).toBe('warn');
  });
});
