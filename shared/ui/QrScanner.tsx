/**
 * <QrScanner>: webcam (or video/photo files, or pasted text) → scan worker (QR decode + UR/BBQr
 * assembler + fountain decoder) → one completed payload handed to `onComplete`. The main thread
 * only grabs frames and renders the ScanUpdates the worker posts (timings in
 * window.__airlockScanStats). Pasted text goes through the same worker session.
 * The root element carries data-scan-phase / data-ur-type / data-percent / data-sha256 for tests.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorCode, type ErrorCode } from '../errors';
import type { ScanPayload } from '../ur/assembler';
import { cameraSource, openCamera } from './scan/camera';
import { createDecoderClient, type DecodeResult, type DecoderClient } from './scan/decoder-client';
import { imageFilesSource, videoFileSource, type FrameSource } from './scan/frame-source';
import { displayView, type AcceptPolicy, type ScanCounters, type ScanView } from './scan/scan-session';
import { exposeScanStats, newScanStats, startScanLoop, type ScanLoop } from './scan/scan-loop';
import { scanFailureText } from './scan/scan-messages';
import type { ScanUpdate } from './scan/worker-protocol';
import { ScanStatusPanel } from './ScanStatusPanel';
import { ScanFallback } from './ScanFallback';
import './qr-ui.css';

export interface ScanResult {
  payload: ScanPayload;
  byteLength: number;
  /** SHA-256 (hex) of the payload bytes, shown so the user (and tests) can compare; '' on secret screens. */
  sha256: string;
}

export interface QrScannerProps {
  accept: AcceptPolicy;
  /** Largest payload accepted, bytes. */
  maxBytes: number;
  onComplete: (result: ScanResult) => void;
}

const WAITING: ScanView = { phase: 'waiting' };
const ZERO: ScanCounters = { decoded: 0, used: 0, corrupt: 0, duplicate: 0, other: 0 };
const over = (v: ScanView) => v.phase === 'done' || v.phase === 'failed';

export function QrScanner({ accept, maxBytes, onComplete }: QrScannerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const stats = useRef(newScanStats()).current;
  const decoder = useRef<DecoderClient | undefined>(undefined);
  const source = useRef<FrameSource | undefined>(undefined);
  const loop = useRef<ScanLoop | undefined>(undefined);
  /** Latest view, readable from async callbacks. */
  const current = useRef<ScanView>(WAITING);
  const [view, setView] = useState<ScanView>(WAITING);
  const [counters, setCounters] = useState<ScanCounters>(ZERO);
  const [cameraFailure, setCameraFailure] = useState<ErrorCode | null>(null);
  const [mode, setMode] = useState<'camera' | 'file'>('camera');
  const [fileEnded, setFileEnded] = useState(false);
  const [sha, setSha] = useState('');
  const [cameraTry, setCameraTry] = useState(0);

  const client = (): DecoderClient => {
    if (!decoder.current) {
      decoder.current = createDecoderClient();
      decoder.current.startSession(accept, maxBytes);
    }
    return decoder.current;
  };

  /** Render one session update from the worker; true when the scan is over (done or failed). */
  const apply = (u: ScanUpdate): boolean => {
    const wasOver = over(current.current);
    const shown = displayView(u.view, accept);
    current.current = shown;
    setView(shown);
    setCounters(u.counters);
    if (u.view.phase === 'done' && !wasOver) {
      const hash = u.sha256 ?? '';
      setSha(hash);
      onComplete({ payload: u.view.payload, byteLength: u.view.byteLength, sha256: hash });
    }
    return over(u.view);
  };
  const onResult = (r: DecodeResult): boolean => (r.scan ? apply(r.scan) : over(current.current));

  const run = (src: FrameSource) => {
    loop.current?.stop();
    if (source.current && source.current !== src) source.current.stop();
    source.current = src;
    setFileEnded(false);
    const l = startScanLoop(src, client(), onResult, stats);
    loop.current = l;
    void l.done.then(() => {
      if (loop.current === l && src.kind !== 'camera' && !over(current.current)) setFileEnded(true);
    });
  };

  useEffect(() => {
    exposeScanStats(stats);
    if (mode !== 'camera') return;
    let cancelled = false;
    setCameraFailure(null);
    openCamera()
      .then((cam) => {
        if (cancelled || !videoRef.current) return cam.stream.getTracks().forEach((t) => t.stop());
        run(cameraSource(cam, videoRef.current));
      })
      .catch((e) => !cancelled && setCameraFailure(errorCode(e)));
    return () => {
      cancelled = true;
      loop.current?.stop();
      source.current?.stop();
    };
  }, [mode, cameraTry]);

  useEffect(() => () => decoder.current?.dispose(), []);

  const restart = () => {
    current.current = WAITING;
    setSha('');
    void client().restart().then(apply, () => undefined);
    if (source.current) run(source.current);
  };

  const onFiles = (files: File[]) => {
    setMode('file');
    const video = files.find((f) => f.type.startsWith('video/'));
    run(video ? videoFileSource(video) : imageFilesSource(files));
  };

  const onPaste = (lines: string[]) => {
    if (over(current.current)) return;
    void client().pushTexts(lines).then(apply, () => undefined);
  };

  const payloadType = view.phase === 'progress' ? view.urType : view.phase === 'done' ? view.payload.kind : '';
  const camText = cameraFailure ? scanFailureText(cameraFailure) : null;
  return (
    <section
      class="qr-scanner"
      data-scan-phase={view.phase}
      data-ur-type={payloadType}
      data-percent={view.phase === 'progress' ? view.percent : view.phase === 'done' ? 100 : 0}
      data-sha256={sha}
      data-error-code={view.phase === 'failed' ? view.code : cameraFailure ?? ''}
    >
      {mode === 'camera' && !cameraFailure && (
        <div class="scan-viewfinder">
          <video ref={videoRef} muted playsInline aria-label="Camera picture" />
        </div>
      )}
      {camText && (
        <div class="scan-status scan-failed" role="alert">
          <p class="scan-headline">{camText.message}</p>
          <p class="scan-hint">{camText.hint}</p>
          <button type="button" onClick={() => { setMode('camera'); setCameraTry(cameraTry + 1); }}>Try the camera again</button>
        </div>
      )}
      <ScanStatusPanel view={view} counters={counters} onRestart={restart} />
      {fileEnded && view.phase !== 'done' && view.phase !== 'failed' && (
        <p class="scan-hint" role="status">
          The file ended before the whole code was read. Import a longer video or more photos; parts already read are kept.
        </p>
      )}
      {view.phase !== 'done' && <ScanFallback onFiles={onFiles} onText={onPaste} busy={false} />}
    </section>
  );
}
