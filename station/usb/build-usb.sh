#!/usr/bin/env bash
# Builds the Airlock station live USB image (issue 10, BUILD.md "The USB live image"):
# a hybrid ISO (BIOS + UEFI, writable to a USB stick with dd) from Debian bookworm packages with
# live-build — minimal system + security updates, cage + Chromium kiosk on the station served by
# busybox httpd from http://127.0.0.1:8080/, no network packages, no network driver modules.
#
#   sudo npm run build:usb            (root, Debian 12; installs live-build if missing)
#
# Environment:
#   AIRLOCK_USB_WORK    work folder (chroot, caches)   default /tmp/airlock-usb (outside git)
#   AIRLOCK_USB_OUT     output folder                   default dist/usb (gitignored)
#   AIRLOCK_MIRROR / AIRLOCK_SECURITY_MIRROR            Debian mirrors (default deb.debian.org)
#   AIRLOCK_SKIP_STATION_BUILD=1                        reuse dist/station/index.html as is
#   AIRLOCK_USB_SKIP_LB=1                               only redo checks + outputs of the last build in $WORK
# Outputs in $AIRLOCK_USB_OUT: airlock-station-<version>.iso, .iso.sha256, .packages (every
# package and version on the image), .build-info (versions, hashes, SOURCE_DATE_EPOCH, timings).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/station/usb"
WORK=${AIRLOCK_USB_WORK:-/tmp/airlock-usb}
OUT=${AIRLOCK_USB_OUT:-$ROOT/dist/usb}
MIRROR=${AIRLOCK_MIRROR:-http://deb.debian.org/debian/}
SECURITY=${AIRLOCK_SECURITY_MIRROR:-http://deb.debian.org/debian-security/}

die() { echo "build-usb: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (live-build needs chroot and mounts): sudo npm run build:usb"
grep -q '^ID=debian' /etc/os-release 2>/dev/null || echo "build-usb: warning: not Debian; live-build from Debian 12 is what this is tested with" >&2

if ! command -v lb >/dev/null; then
  echo "build-usb: installing live-build from Debian"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q live-build
fi

T0=$(date +%s)
VERSION=$(node -p "require('$ROOT/package.json').version")
# Reproducible timestamps: the commit's date (falls back to the package.json mtime outside git).
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || stat -c %Y "$ROOT/package.json")}
export SOURCE_DATE_EPOCH

# 1. The station: one self-contained file + its SHA-256, and its build hash (BUILD.md).
STATION="$ROOT/dist/station/index.html"
if [ "${AIRLOCK_USB_SKIP_LB:-}" = 1 ]; then
  STATION="$WORK/config/includes.chroot/opt/airlock/www/index.html"   # the one inside that image
elif [ "${AIRLOCK_SKIP_STATION_BUILD:-}" != 1 ]; then
  (cd "$ROOT" && npm run -s build:station)
fi
[ -s "$STATION" ] || die "no $STATION (npm run build:station)"
BUILD_HASH=$(node "$HERE/build-hash.mjs" "$STATION")
STATION_SHA=$(sha256sum "$STATION" | cut -c1-64)
echo "build-usb: station $VERSION, file sha256 $STATION_SHA, build hash $BUILD_HASH"

if [ "${AIRLOCK_USB_SKIP_LB:-}" = 1 ]; then
  # Only redo the checks and outputs of the last build in $WORK (e.g. after a failed check).
  cd "$WORK"
else
# 2. live-build configuration in the work folder (caches under $WORK/cache are kept between builds).
mkdir -p "$WORK"
cd "$WORK"
if [ -d config ]; then lb clean >/dev/null 2>&1 || true; rm -rf config; fi
lb config \
  --mode debian --distribution bookworm --architectures amd64 --linux-flavours amd64 \
  --archive-areas main --parent-archive-areas main \
  --security true --updates true --backports false \
  --mirror-bootstrap "$MIRROR" --mirror-chroot "$MIRROR" --mirror-binary "$MIRROR" \
  --parent-mirror-bootstrap "$MIRROR" --parent-mirror-chroot "$MIRROR" --parent-mirror-binary "$MIRROR" \
  --mirror-chroot-security "$SECURITY" --mirror-binary-security "$SECURITY" \
  --parent-mirror-chroot-security "$SECURITY" --parent-mirror-binary-security "$SECURITY" \
  --binary-images iso-hybrid --bootloaders "syslinux,grub-efi" \
  --debian-installer none --memtest none \
  --apt-recommends false --apt-indices false --apt-source-archives false \
  --firmware-binary false --firmware-chroot false \
  --chroot-squashfs-compression-type xz \
  --checksums sha256 --zsync false \
  --image-name airlock-station \
  --iso-volume "AIRLOCK ${VERSION}" --iso-application "Airlock station" \
  --iso-publisher "Airlock" --iso-preparer "station/usb/build-usb.sh" \
  --bootappend-live "boot=live components nonetworking username=airlock hostname=airlock live-config.noautologin console=tty0 console=ttyS0,115200n8" \
  --bootappend-live-failsafe "boot=live components nonetworking username=airlock hostname=airlock live-config.noautologin nomodeset console=tty0 console=ttyS0,115200n8" \
  >"$WORK/lb-config.log" 2>&1 || { cat "$WORK/lb-config.log"; die "lb config failed"; }

cp -a "$HERE/config/." config/
WWW=config/includes.chroot/opt/airlock/www
mkdir -p "$WWW"
install -m 0644 "$STATION" "$WWW/index.html"
echo "$STATION_SHA  index.html" > "$WWW/index.html.sha256"
echo "$BUILD_HASH" > "$WWW/BUILD_HASH"
echo "$VERSION" > "$WWW/VERSION"
chmod 0644 "$WWW"/*

# 3. Build (chroot, squashfs, ISO).
echo "build-usb: lb build in $WORK (log: $WORK/build.log)"
if ! lb build >"$WORK/build.log" 2>&1; then tail -40 "$WORK/build.log"; die "lb build failed"; fi
fi
ISO=$(ls -1 "$WORK"/airlock-station-amd64.hybrid.iso 2>/dev/null | head -1)
[ -s "$ISO" ] || { tail -40 "$WORK/build.log"; die "no ISO produced"; }

# 4. Post-build checks: no network driver in the image's kernel modules nor in its initramfs,
#    no network package installed.
KVER=$(ls chroot/lib/modules | head -1)
NMOD=$({ find "chroot/lib/modules/$KVER/kernel/drivers/net" -name '*.ko*' 2>/dev/null || true; } | wc -l)
[ "$NMOD" = 0 ] || die "network driver modules left in the image ($NMOD)"
INITRD_LIST=$(chroot chroot lsinitramfs "/boot/initrd.img-$KVER") || die "cannot list the initramfs"
NINITRD=$(grep -c -E '/kernel/drivers/net/|/net/wireless/' <<<"$INITRD_LIST" || true)
[ "$NINITRD" = 0 ] || die "network driver modules left in the initramfs ($NINITRD)"
if grep -E '^(network-manager|ifupdown|isc-dhcp-client|dhcpcd5|dhcpcd-base|wpasupplicant|iwd|connman|openssh-server|openssh-client)(:[a-z0-9]+)?[[:space:]]' airlock-station-amd64.packages; then
  die "a network package is on the image"
fi

# 5. Outputs.
mkdir -p "$OUT"
NAME="airlock-station-$VERSION"
mv -f "$ISO" "$OUT/$NAME.iso"
cp airlock-station-amd64.packages "$OUT/$NAME.packages"
(cd "$OUT" && sha256sum "$NAME.iso" > "$NAME.iso.sha256")
ISO_SHA=$(cut -c1-64 "$OUT/$NAME.iso.sha256")
T1=$(date +%s)
SIZE=$(stat -c %s "$OUT/$NAME.iso")
cat > "$OUT/$NAME.build-info" <<EOF
airlock-version: $VERSION
station-file-sha256: $STATION_SHA
station-build-hash: $BUILD_HASH
iso: $NAME.iso
iso-sha256: $ISO_SHA
iso-bytes: $SIZE
kernel: $KVER
packages: $(wc -l < "$OUT/$NAME.packages") (see $NAME.packages)
source-date-epoch: $SOURCE_DATE_EPOCH
git-commit: $(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
live-build: $(lb --version 2>/dev/null | head -1)
mirror: $MIRROR $SECURITY (bookworm, bookworm-updates, bookworm-security; not pinned: see BUILD.md)
build-seconds: $((T1 - T0))
EOF
cat "$OUT/$NAME.build-info"
echo "build-usb: $OUT/$NAME.iso ($((SIZE / 1048576)) MiB) in $((T1 - T0)) s"
