/**
 * Where scanned frames come from. A `FrameSource` hands out frames as transferable pixels for the
 * decode worker; the scanner does not care whether they come from a webcam, a recorded video or
 * a set of photos (the fallback for webcams that cannot cope with animated codes).
 */
import type { FramePixels } from './worker-protocol';

export interface FrameSource {
  readonly kind: 'camera' | 'video-file' | 'images';
  /**
   * The next frame, or null when the source is exhausted (end of a video file, last photo).
   * Resolves once a *new* frame is available, so a fast decoder does not decode the same frame twice.
   */
  next(): Promise<FramePixels | null>;
  /** Fraction of a finite source already read (0..1), undefined for a live camera. */
  progress?(): number;
  stop(): void;
}

/** Wait for the next presented video frame (requestVideoFrameCallback where available). */
export function nextVideoFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    if (typeof v.requestVideoFrameCallback === 'function') v.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => resolve());
  });
}

/** Grab the current video frame as an ImageBitmap (copied off-thread by the browser). */
export async function grabVideoFrame(video: HTMLVideoElement): Promise<FramePixels | null> {
  if (video.readyState < 2 || !video.videoWidth) return null;
  const bitmap = await createImageBitmap(video);
  return { kind: 'bitmap', bitmap };
}

/**
 * Frames of a recorded video file: played muted at normal speed; each presented frame is grabbed.
 * Slow decoders skip frames, which the fountain code tolerates; the video is looped up to
 * `maxLoops` times so a missed part comes round again.
 */
export function videoFileSource(file: Blob, maxLoops = 3): FrameSource {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.src = url;
  let loops = 0;
  let ended = false;
  video.addEventListener('ended', () => {
    loops++;
    if (loops >= maxLoops) ended = true;
    else {
      video.currentTime = 0;
      void video.play();
    }
  });
  const started = video.play().catch(() => {
    ended = true;
  });
  return {
    kind: 'video-file',
    async next() {
      await started;
      if (ended) return null;
      await Promise.race([nextVideoFrame(video), new Promise((r) => setTimeout(r, 250))]);
      if (ended) return null;
      return grabVideoFrame(video);
    },
    progress: () => (video.duration ? Math.min(1, (loops + video.currentTime / video.duration) / maxLoops) : 0),
    stop() {
      ended = true;
      video.pause();
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
    },
  };
}

/** Frames from photos (or screenshots) of the codes, decoded one by one in the order given. */
export function imageFilesSource(files: readonly Blob[]): FrameSource {
  let i = 0;
  let stopped = false;
  return {
    kind: 'images',
    async next() {
      while (!stopped && i < files.length) {
        const f = files[i++];
        try {
          return { kind: 'bitmap', bitmap: await createImageBitmap(f) };
        } catch {
          // not a decodable image: skip it, the scanner counts frames without a code anyway
        }
      }
      return null;
    },
    progress: () => (files.length ? i / files.length : 1),
    stop() {
      stopped = true;
    },
  };
}
