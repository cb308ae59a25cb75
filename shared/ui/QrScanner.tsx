/**
 * <QrScanner>: webcam (or video/photo files, or pasted text) → decode worker → UR assembler →
 * one completed payload handed to `onComplete`. Frames are decoded off the main thread; the main
 * thread only grabs frames and runs the pure assembler (timings in window.__airlockScanStats).
 * The root element carries data-scan-phase / data-ur-type / data-percent / data-sha256 for tests.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes';
import { errorCode, type ErrorCode } from '../errors';
import type { ScanPayload } from '../ur/assembler';
import { cameraSource, openCamera } from './scan/camera';
import { createDecoderClient, type DecoderClient } from './scan/decoder-client';
import { imageFilesSource, videoFileSource, type FrameSource } from './scan/frame-source';
import { createScanSession, payloadBytes, type AcceptPolicy, type ScanView } from './scan/scan-session';
import { exposeScanStats, newScanStats, startScanLoop, type ScanLoop } from './scan/scan-loop';
import { scanFailureText } from './scan/scan-messages';
import { ScanStatusPanel } from './ScanStatusPanel';
import { ScanFallback } from './ScanFallback';
import './qr-ui.css';

export interface ScanResult {
  payload: ScanPayload;
  byteLength: number;
  /** SHA-256 (hex) of the payload bytes, shown so the user (and tests) can compare. */
  sha256: string;
}

export interface QrScannerProps {
  accept: AcceptPolicy;
  /** Largest payload accepted, bytes. */
  maxBytes: number;
  onComplete: (result: ScanResult) => void;
}

export function QrScanner({ accept, maxBytes, onComplete }: QrScannerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const session = useRef(createScanSession(accept, maxBytes)).current;
  const stats = useRef(newScanStats()).current;
  const decoder = useRef<DecoderClient | undefined>(undefined);
  const source = useRef<FrameSource | undefined>(undefined);
  const loop = useRef<ScanLoop | undefined>(undefined);
  const [view, setView] = useState<ScanView>(session.view);
  const [counters, setCounters] = useState(session.counters);
  const [cameraFailure, setCameraFailure] = useState<ErrorCode | null>(null);
  const [mode, setMode] = useState<'camera' | 'file'>('camera');
  const [fileEnded, setFileEnded] = useState(false);
  const [sha, setSha] = useState('');
  const [cameraTry, setCameraTry] = useState(0);

  /** Push one decoded text; true when the scan is over (done or failed). */
  const onText = (text: string): boolean => {
    const before = session.view;
    const v = session.push(text);
    if (v !== before) setView(v);
    setCounters({ ...session.counters });
    if (v.phase === 'done') {
      const hash = toHex(sha256(payloadBytes(v.payload)));
      setSha(hash);
      onComplete({ payload: v.payload, byteLength: v.byteLength, sha256: hash });
    }
    return v.phase === 'done' || v.phase === 'failed';
  };

  const run = (src: FrameSource) => {
    loop.current?.stop();
    if (source.current && source.current !== src) source.current.stop();
    source.current = src;
    decoder.current ??= createDecoderClient();
    setFileEnded(false);
    const l = startScanLoop(src, decoder.current, onText, stats);
    loop.current = l;
    void l.done.then(() => {
      if (loop.current === l && src.kind !== 'camera' && session.view.phase !== 'done' && session.view.phase !== 'failed') setFileEnded(true);
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
    setView(session.restart());
    setCounters({ ...session.counters });
    setSha('');
    if (source.current) run(source.current);
  };

  const onFiles = (files: File[]) => {
    setMode('file');
    const video = files.find((f) => f.type.startsWith('video/'));
    run(video ? videoFileSource(video) : imageFilesSource(files));
  };

  const onPaste = (lines: string[]) => {
    for (const l of lines) if (onText(l)) break;
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
