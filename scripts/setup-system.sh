#!/usr/bin/env bash
# Installs the system packages the tests and the command line use, on Debian 12 (and Debian-based UOS/Kylin).
# Called by .ci/run; run it once by hand on a new machine: sudo scripts/setup-system.sh
#   poppler-utils, mupdf-tools, qpdf  — read PDFs back (pdftotext, pdffonts, pdfsig, mutool, qpdf --check)
#   chromium                          — the renderer's end-to-end tests (same major as Electron's)
#   fonts-noto-cjk                    — a system CJK font for the CFF/OpenType font tests
#   cups …, printer-driver-cups-pdf   — the printing tests go through a real CUPS server with a PDF printer
#   libreoffice-writer-nogui          — reads our .docx exports back
#   xvfb xauth                        — a display for headed browser runs
#   openssl                           — certificate checks in the signing tests
#   unzip, fontconfig, fonts-urw-base35 — OFD tests: ZIP read back (unzip -t), subset fonts read by fc-query,
#                                       a CFF OpenType font (URW C059) for the subsetting test
#   libgs-common                      — a CMYK printer ICC profile (ps_cmyk.icc) for the PDF/A checker's tests
#   mount                             — tmpfs disks that are full or read-only (log, library and path tests; as root)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PACKAGES=(poppler-utils mupdf-tools qpdf chromium fonts-noto-cjk cups cups-client cups-bsd cups-ipp-utils
  printer-driver-cups-pdf libreoffice-writer-nogui xvfb xauth openssl unzip fontconfig fonts-urw-base35 libgs-common mount)
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
echo "系统软件包已安装：${PACKAGES[*]}"
