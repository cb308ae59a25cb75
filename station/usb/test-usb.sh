#!/usr/bin/env bash
# Boot test of the USB live image (issue 10), opt-in: `npm run test:usb` (not part of `npm test`).
# Boots the ISO built by `npm run build:usb` in QEMU with software emulation (TCG, no KVM) and a
# virtual e1000 network card attached, and reads the serial console for the image's boot
# self-check (station/usb/config/includes.chroot/usr/local/sbin/airlock-selfcheck):
#   - only `lo` exists (the e1000 card gets no driver: the image has none);
#   - the station page is served on http://127.0.0.1:8080/ and matches its recorded SHA-256;
#   - the page's JavaScript ran (headless Chromium's DOM carries data-airlock-build=<build hash>).
# Timeout 10 minutes (AIRLOCK_USB_TIMEOUT seconds). Installs qemu-system-x86 from Debian if missing.
# After the self-check, the kiosk starts; within what is left of the timeout (at most
# AIRLOCK_USB_KIOSK_WAIT seconds, default 240) the screen is saved to test-results/usb-screen.png
# for a person to look at (not a verdict: the kiosk's rendering under emulation is not timed).
#   npm run test:usb [-- path/to/airlock-station-X.iso]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VERSION=$(node -p "require('$ROOT/package.json').version")
ISO=${1:-$ROOT/dist/usb/airlock-station-$VERSION.iso}
TIMEOUT=${AIRLOCK_USB_TIMEOUT:-600}
LOG=${AIRLOCK_USB_SERIAL_LOG:-$ROOT/test-results/usb-serial.log}
SHOT=$(dirname "$LOG")/usb-screen.png
KIOSK_WAIT=${AIRLOCK_USB_KIOSK_WAIT:-240}

[ -s "$ISO" ] || { echo "test-usb: no ISO at $ISO: run 'sudo npm run build:usb' first" >&2; exit 1; }
if ! command -v qemu-system-x86_64 >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qemu-system-x86
  else
    echo "test-usb: install QEMU: sudo apt-get install -y qemu-system-x86" >&2; exit 1
  fi
fi
mkdir -p "$(dirname "$LOG")"
: > "$LOG"
rm -f "$SHOT"
MON=$(mktemp -u /tmp/airlock-usb-monitor.XXXXXX)
# QEMU's human monitor on a unix socket: one command, then read until the prompt comes back.
monitor() {
  python3 - "$MON" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.settimeout(30); s.connect(sys.argv[1])
def until_prompt():
    buf = b''
    while not buf.rstrip().endswith(b'(qemu)'):
        buf += s.recv(4096)
    return buf
until_prompt(); s.sendall(sys.argv[2].encode() + b'\n'); until_prompt(); time.sleep(1)
PY
}

echo "test-usb: booting $ISO in QEMU (TCG, e1000 NIC attached), serial log $LOG, timeout ${TIMEOUT}s"
T0=$(date +%s)
# -vga virtio: the kiosk's compositor (wlroots) needs a DRM driver with PRIME import; QEMU's default
# bochs-drm has none ("PRIME import not supported"), virtio-gpu has (as laptops' i915/amdgpu/nouveau do).
qemu-system-x86_64 -accel tcg -machine q35 -cpu max -smp 2 -m 3072 \
  -cdrom "$ISO" -boot d \
  -nic user,model=e1000,restrict=on \
  -display none -vga virtio -serial "file:$LOG" -monitor "unix:$MON,server,nowait" -no-reboot &
QPID=$!
cleanup() { kill "$QPID" 2>/dev/null || true; wait "$QPID" 2>/dev/null || true; rm -f "$MON"; }
trap cleanup EXIT

result=""
while :; do
  if grep -q 'AIRLOCK-SELFCHECK result:' "$LOG" 2>/dev/null; then result=done; break; fi
  kill -0 "$QPID" 2>/dev/null || { result=exited; break; }
  [ $(( $(date +%s) - T0 )) -ge "$TIMEOUT" ] && { result=timeout; break; }
  sleep 5
done
T1=$(date +%s)
if [ "$result" = done ] && [ "$KIOSK_WAIT" -gt 0 ]; then
  left=$(( TIMEOUT - (T1 - T0) )); [ "$left" -lt "$KIOSK_WAIT" ] && KIOSK_WAIT=$left
  if [ "$KIOSK_WAIT" -gt 0 ]; then
    echo "test-usb: self-check done after $((T1 - T0)) s; giving the kiosk ${KIOSK_WAIT} s, then saving the screen"
    sleep "$KIOSK_WAIT"
    if monitor "screendump $SHOT -f png" && [ -s "$SHOT" ]; then echo "test-usb: screen after $(( $(date +%s) - T0 )) s: $SHOT"
    else echo "test-usb: could not save the screen (QEMU monitor)"; fi
  fi
fi
cleanup
trap - EXIT

echo "--- serial console (self-check lines) after $((T1 - T0)) s:"
grep -a 'AIRLOCK-SELFCHECK' "$LOG" | tr -d '\r' || true
fail=0
check() { if grep -a -q -E "$2" "$LOG"; then echo "ok   - $1"; else echo "FAIL - $1"; fail=1; fi; }
if [ "$result" != done ]; then
  echo "FAIL - the self-check did not finish ($result after $((T1 - T0)) s); last serial lines:"; tail -25 "$LOG" | tr -d '\r'
  exit 1
fi
check "booted with nonetworking" 'AIRLOCK-SELFCHECK cmdline: .*nonetworking'
check "only lo exists (e1000 attached, no driver)" 'AIRLOCK-SELFCHECK interfaces: lo.?$'
check "no network driver module on the image" 'AIRLOCK-SELFCHECK network driver modules: 0'
check "station page served and matches its SHA-256" 'AIRLOCK-SELFCHECK served: matches index.html.sha256'
check "station JavaScript ran" 'AIRLOCK-SELFCHECK js: station JavaScript ran'
check "self-check passed" 'AIRLOCK-SELFCHECK result: PASS'
if [ $fail = 0 ]; then echo "6 passed, 0 failed"; else echo "boot test failed"; exit 1; fi
