/**
 * Webcam access for the scanner: getUserMedia at 1280×720 preferred, the user's camera choice
 * remembered in localStorage (a device id is not a secret), failures mapped to the two error
 * codes the UI explains: `camera/denied` (permission) and `camera/unavailable` (no device, busy,
 * insecure context).
 */
import { AppError } from '../../errors';
import { grabVideoFrame, nextVideoFrame, type FrameSource } from './frame-source';

const CAMERA_KEY = 'airlock.scan.cameraId';

export interface CameraInfo {
  deviceId: string;
  label: string;
}

/** The remembered camera id, if any. */
export function rememberedCameraId(): string | undefined {
  try {
    return localStorage.getItem(CAMERA_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remember the chosen camera's device id (not a secret); silently skipped when storage fails. */
export function rememberCameraId(id: string): void {
  try {
    localStorage.setItem(CAMERA_KEY, id);
  } catch {
    // storage disabled: the choice just isn't remembered
  }
}

/** Video input devices (labels are only filled once permission was granted). */
export async function listCameras(): Promise<CameraInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const all = await navigator.mediaDevices.enumerateDevices();
  return all
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/** Map a getUserMedia failure to an AppError the UI can explain. */
export function cameraError(e: unknown): AppError {
  const name = (e as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return new AppError('camera/denied', undefined, { cause: e });
  }
  return new AppError('camera/unavailable', { reason: name || 'unknown' }, { cause: e });
}

export interface CameraStream {
  stream: MediaStream;
  deviceId: string | undefined;
}

/** Open a camera (the remembered one if present). Throws AppError('camera/denied' | 'camera/unavailable'). */
export async function openCamera(deviceId = rememberedCameraId()): Promise<CameraStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new AppError('camera/unavailable', { reason: 'no-api' });
  const video: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: deviceId ? { ...video, deviceId: { exact: deviceId } } : video,
    });
    const used = stream.getVideoTracks()[0]?.getSettings().deviceId;
    if (used) rememberCameraId(used);
    return { stream, deviceId: used };
  } catch (e) {
    // A remembered camera that was unplugged: fall back to any camera once.
    if (deviceId && (e as { name?: string })?.name === 'OverconstrainedError') return openCamera('');
    throw cameraError(e);
  }
}

/** Frames of a live camera stream, played into `video` (which the UI shows as the viewfinder). */
export function cameraSource(cam: CameraStream, video: HTMLVideoElement): FrameSource {
  video.muted = true;
  video.playsInline = true;
  video.srcObject = cam.stream;
  const started = video.play().catch(() => undefined);
  let stopped = false;
  return {
    kind: 'camera',
    async next() {
      await started;
      while (!stopped) {
        await Promise.race([nextVideoFrame(video), new Promise((r) => setTimeout(r, 200))]);
        if (stopped) break;
        const f = await grabVideoFrame(video);
        if (f) return f;
      }
      return null;
    },
    stop() {
      stopped = true;
      for (const t of cam.stream.getTracks()) t.stop();
      video.srcObject = null;
    },
  };
}
