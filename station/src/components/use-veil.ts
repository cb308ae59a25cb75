import { useEffect } from 'preact/hooks';

/**
 * While a screen shows a secret (recovery words, shares, SeedQR), hide the page whenever the window
 * loses focus: keeps the secret out of tab-switcher thumbnails and screen sharing as far as a page can.
 */
export function useVeil(): void {
  useEffect(() => {
    const hide = () => document.body.classList.add('veiled');
    const show = () => document.body.classList.remove('veiled');
    window.addEventListener('blur', hide);
    window.addEventListener('focus', show);
    return () => {
      window.removeEventListener('blur', hide);
      window.removeEventListener('focus', show);
      show();
    };
  }, []);
}
