import { useState } from 'preact/hooks';
import { navigate } from '../../state/session';
import { RestoreFlow } from './RestoreFlow';
import { ExportFile } from '../backup-file/ExportFile';
import { RestoreFile } from '../backup-file/RestoreFile';
import './backup.css';

type View = 'menu' | 'slip39' | 'seedqr' | 'export' | 'restore-file' | 'drill-file';

/** Station-wide backups: restore a key (shares, SeedQR), encrypted backup files (export, restore, verify). */
export function BackupHub() {
  const [view, setView] = useState<View>('menu');
  const menu = () => setView('menu');
  switch (view) {
    case 'slip39':
      return <RestoreFlow mode="import" source="slip39" onExit={menu} />;
    case 'seedqr':
      return <RestoreFlow mode="import" source="seedqr" onExit={menu} />;
    case 'export':
      return <ExportFile onExit={menu} />;
    case 'restore-file':
      return <RestoreFile mode="restore" onExit={menu} />;
    case 'drill-file':
      return <RestoreFile mode="drill" onExit={menu} />;
    case 'menu':
      return (
        <section class="step wide backup-menu">
          <h2>Backups</h2>
          <p>To back up or verify one key (shares, SeedQR, printed sheets), use “Back up / verify” on its card.</p>
          <h3>Restore a key</h3>
          <div class="choices">
            <button type="button" class="choice" onClick={() => setView('slip39')}><strong>Restore from SLIP-39 shares</strong><span>Shares made by Airlock from BIP-39 words.</span></button>
            <button type="button" class="choice" onClick={() => setView('seedqr')}><strong>Scan a SeedQR</strong><span>Standard or Compact SeedQR (SeedSigner format).</span></button>
          </div>
          <h3>Encrypted backup file (whole vault)</h3>
          <div class="choices">
            <button type="button" class="choice" onClick={() => setView('export')}><strong>Export backup file</strong><span>Keys, labels, wallets, policies and audit log, encrypted.</span></button>
            <button type="button" class="choice" onClick={() => setView('restore-file')}><strong>Restore backup file</strong><span>Preview what changes, then merge or replace.</span></button>
            <button type="button" class="choice" onClick={() => setView('drill-file')}><strong>Verify a backup file</strong><span>Opens it and re-derives every key; changes nothing.</span></button>
          </div>
          <div class="actions"><button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button></div>
        </section>
      );
  }
}
