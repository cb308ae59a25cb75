/**
 * Pure checks for a NEW vault passphrase: minimum length, confirmation, and a rough strength hint
 * (length and character variety; it is advice, not an entropy estimate — long random-word phrases
 * score well, short "P@ssw0rd"-style strings do not).
 */
export type PassphraseProblem = 'too-short' | 'mismatch' | null;

export function checkNewPassphrase(p: string, confirm: string, min: number): PassphraseProblem {
  if ([...p].length < min) return 'too-short';
  if (p !== confirm) return 'mismatch';
  return null;
}

export interface Strength {
  /** 0 weak … 3 strong */
  score: 0 | 1 | 2 | 3;
  label: 'Too short' | 'Weak' | 'Fair' | 'Strong';
  hint: string;
}

/** Rough strength of a passphrase for the hint under the field. */
export function passphraseStrength(p: string, min: number): Strength {
  const n = [...p].length;
  if (n < min) return { score: 0, label: 'Too short', hint: `Use at least ${min} characters.` };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  const words = p.trim().split(/\s+/).length;
  const unique = new Set(p).size;
  if (unique <= 3) return { score: 1, label: 'Weak', hint: 'Too many repeated characters.' };
  if (n >= 20 || (words >= 4 && n >= 16) || (n >= 14 && classes >= 3)) return { score: 3, label: 'Strong', hint: 'Good. Store it somewhere safe: without it the vault cannot be opened.' };
  if (n >= 12 && classes >= 2) return { score: 2, label: 'Fair', hint: 'A few more random words would make it much stronger.' };
  return { score: 1, label: 'Weak', hint: 'Longer is better: try four or more random words.' };
}
