/**
 * Station updates (issue 10): the latest published station build (version, build hash, when it was
 * checked) and its `airlock-build:<version>:<hash>` QR, which the offline station's About screen
 * scans to say "is the published build" / "out of date" / "not the published build".
 */
import { useEffect } from 'preact/hooks';
import { formatPublishedBuild } from '../../../shared/build/published-build';
import { QrCode } from '../components/QrCode';
import { ErrorPanel } from '../components/ErrorPanel';
import { checkStationRelease, knownRelease, releaseCheck } from '../state/station-release';

/** Groups of 8 hex characters, as the station's About screen shows its own build hash. */
function HashGroups({ hex, testId }: { hex: string; testId: string }) {
  return (
    <code class="grouped" data-testid={testId} data-hash={hex}>
      {(hex.match(/.{1,8}/g) ?? []).map((g) => <span>{g}</span>)}
    </code>
  );
}

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function StationUpdatesScreen() {
  useEffect(() => {
    void checkStationRelease();
  }, []);
  const known = knownRelease.value;
  const check = releaseCheck.value;
  const checking = check.state === 'checking';
  return (
    <section class="step station-updates">
      <h2>Station updates</h2>
      <p>
        Is your offline station running the latest published build? This page shows the newest station build
        published on the server this companion comes from, as a QR code your station can read.
      </p>
      {check.state === 'checking' && <p role="status" class="muted">Checking for the latest station build…</p>}
      {check.state === 'error' && (
        <ErrorPanel error={check.error} note={known ? `Below is the build known from the last successful check (${when(known.fetchedAt)}).` : 'No station build has been fetched on this device yet.'} />
      )}
      {check.state === 'none' && (
        <p class="error-panel" role="status" data-testid="no-published-build">
          No published station build is known: the server hosting this companion publishes none (checked {when(check.at)}).
        </p>
      )}
      {known && (
        <>
          <dl class="eth-summary release-facts">
            <dt>Latest version</dt>
            <dd data-testid="release-version">{known.release.version}</dd>
            <dt>Build hash</dt>
            <dd><HashGroups hex={known.release.buildHash} testId="release-build-hash" /></dd>
            <dt>Checked</dt>
            <dd data-testid="release-checked">
              {when(known.fetchedAt)}
              {check.state === 'error' && ' — could not check again just now'}
            </dd>
          </dl>
          <h3>Check your station</h3>
          <ol>
            <li>On the station: <strong>About this station → Scan the companion’s QR</strong>.</li>
            <li>Hold this screen in front of the station’s camera.</li>
            <li>The station says whether it is the published build, out of date, or a different build.</li>
          </ol>
          <QrCode text={formatPublishedBuild(known.release.version, known.release.buildHash)} label={`Latest station build ${known.release.version}`} size={240} />
          <p class="muted">The code holds the text <code class="grouped">{formatPublishedBuild(known.release.version, known.release.buildHash)}</code></p>
          <details>
            <summary>File SHA-256 of the station’s index.html</summary>
            <HashGroups hex={known.release.sha256} testId="release-sha256" />
          </details>
        </>
      )}
      {!known && !checking && (
        <p>Without it you can still check your station by hand: on the station, <strong>About this station → Type a hash</strong>, and enter the build hash from the release notes.</p>
      )}
      <button type="button" class="primary" onClick={() => void checkStationRelease()} disabled={checking}>Check again</button>
      {known && (
        <p class="muted">
          How far to trust this: the companion is online, so this QR is only as trustworthy as the server it was
          loaded from. The strongest check is the build hash printed in the release notes, obtained over another
          channel (a second device or network): on the station, choose <em>Type a hash</em> and enter it.
        </p>
      )}
    </section>
  );
}
