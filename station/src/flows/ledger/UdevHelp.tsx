/** The exact Linux fix when the browser may not open the Ledger (udev permissions). */
export const UDEV_RULE = 'SUBSYSTEMS=="usb", ATTRS{idVendor}=="2c97", MODE="0660", TAG+="uaccess", TAG+="udev-acl"';

export function UdevHelp() {
  return (
    <details open>
      <summary>Linux: allow the browser to use the Ledger</summary>
      <p>Create <code>/etc/udev/rules.d/20-hw1.rules</code> with this line, reload the rules, then unplug and replug the Ledger:</p>
      <pre class="wrap">{`echo '${UDEV_RULE}' | sudo tee /etc/udev/rules.d/20-hw1.rules\nsudo udevadm control --reload-rules\nsudo udevadm trigger`}</pre>
    </details>
  );
}
