/**
 * Fallbacks for webcams that cannot cope (or no webcam at all): import a recorded video or photos
 * of the codes, decoded frame by frame, and "Paste text" (one UR part per line) for accessibility.
 */
import { useState } from 'preact/hooks';

/** File import and paste controls; `onText` gets the pasted lines. */
export function ScanFallback({ onFiles, onText, busy }: {
  onFiles: (files: File[]) => void;
  onText: (lines: string[]) => void;
  busy: boolean;
}) {
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  return (
    <div class="scan-fallback">
      <label class="button">
        Import from video or photos
        <input
          type="file"
          accept="video/*,image/*"
          multiple
          disabled={busy}
          class="visually-hidden"
          onChange={(e) => {
            const input = e.currentTarget;
            const files = [...(input.files ?? [])];
            input.value = '';
            if (files.length) onFiles(files);
          }}
        />
      </label>
      <button type="button" aria-expanded={pasting} onClick={() => setPasting(!pasting)}>Paste text</button>
      {pasting && (
        <form
          class="scan-paste"
          onSubmit={(e) => {
            e.preventDefault();
            const lines = text.split(/\s*\n\s*/).map((l) => l.trim()).filter(Boolean);
            if (lines.length) onText(lines);
            setText('');
          }}
        >
          <label for="scan-paste-text">UR text (one part per line)</label>
          <textarea id="scan-paste-text" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit">Use this text</button>
        </form>
      )}
    </div>
  );
}
