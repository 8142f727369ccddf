#!/usr/bin/env bash
# Install the Debian packages CARMA Logistiek needs, and only those that are missing.
#
#   scripts/system-deps.sh            everything for the test suite (CI, developers)
#   scripts/system-deps.sh --runtime  only what the app needs to run (scripts/demo.sh)
#
# Uses apt-get (via sudo when not root). `apt-get update` runs once, and only when something is
# actually missing, so a machine that has everything is not touched and needs no network.
set -euo pipefail

runtime_only=false
for arg in "$@"; do
    case "$arg" in
        --runtime) runtime_only=true ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "system-deps.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

packages=(
    python3-venv
    # Qt (PySide6) runtime: EGL/GL, fonts, keyboard, D-Bus and the xcb platform plugin
    libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
    # a virtual screen for machines without a display, and a font so text renders
    xvfb xauth fonts-dejavu-core
    # zbar for pyzbar, the fall-back decoder for hard images (carma_logistiek/scanning/zbar.py)
    libzbar0
)
if [ "$runtime_only" = false ]; then
    packages+=(
        postgresql     # server binaries for the throwaway PostgreSQL of the integration tests
        poppler-utils  # pdftoppm and pdftotext, to check generated PDFs
        binutils       # objdump: PyInstaller reads libraries' dependencies (tests/packaging)
        git            # tests/packaging builds from the files git lists
    )
fi

if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps.sh: no dpkg/apt-get here (not Debian/Ubuntu?); install these yourself:" >&2
    echo "  ${packages[*]}" >&2
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "system-deps.sh: all ${#packages[@]} system packages are installed."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "system-deps.sh: missing ${missing[*]}, and not root and no sudo to install them." >&2
    exit 1
fi

echo "system-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
