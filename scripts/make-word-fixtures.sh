#!/bin/sh
# Remakes the LibreOffice-made Word fixtures of tests/fixtures/word/ (see its README.md).
set -eu
dir="$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures/word"
cd "$dir"
for src in contribution.fodt typed-numbers.html; do
  soffice --headless --convert-to docx:"MS Word 2007 XML" "$src" >/dev/null
  soffice --headless --convert-to doc:"MS Word 97" "$src" >/dev/null
done
# Tables (issue 12 point 4): .docx only.
for src in table.html table-merged.html; do
  soffice --headless --convert-to docx:"MS Word 2007 XML" "$src" >/dev/null
done
# A contribution with a photograph (embedded in the .fodt as office:binary-data) and its Caption-styled 图注.
soffice --headless --convert-to docx:"MS Word 2007 XML" picture-caption.fodt >/dev/null
ls -l "$dir"
