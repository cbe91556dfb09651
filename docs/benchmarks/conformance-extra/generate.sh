#!/bin/bash
# Regenerates the conformance-extra corpus next to this script (deterministic,
# overwrites its outputs). Needs /usr/bin/python3 with pydicom 2.3 + numpy, and DCMTK
# (dcmcjpeg, dcmconv, dcmdump). Usage: ./generate.sh [OUTDIR]   (default: this folder)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE}"
PY="${PYTHON:-/usr/bin/python3}"
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 1. python-made files, plus the uncompressed inputs for the DCMTK steps (in TMP)
"$PY" "$HERE/generate.py" "$TMP"
for f in deflated-image-frames deeply-nested-sequence private-sop-class meta-uid-mismatch uids-as-un; do
  mv -f "$TMP/$f.dcm" "$OUT/$f.dcm"
done

# 2. DCMTK conversions. +be: 8 bits/sample, so spectral selection is process 6/8
#    (.4.53) and full progression process 10/12 (.4.55), not the 12-bit .4.54/.4.56;
#    +un: keep the SOP Instance UID (default would mint a time-based one for lossy).
dcmcjpeg +es +be +un "$TMP/jpeg-spectral-selection.in.dcm" "$OUT/jpeg-spectral-selection.dcm"
dcmcjpeg +ep +be +un "$TMP/jpeg-full-progression.in.dcm" "$OUT/jpeg-full-progression.dcm"
dcmconv +tb "$TMP/explicit-big-endian.in.dcm" "$OUT/explicit-big-endian.dcm"

FILES=(jpeg-spectral-selection jpeg-full-progression explicit-big-endian deflated-image-frames
       deeply-nested-sequence private-sop-class meta-uid-mismatch uids-as-un)

# 3. manifest (columns file, expect, reason; read by bench/lib/conflib.py sources())
{
  printf 'file\texpect\treason\n'
  printf 'jpeg-spectral-selection.dcm\troundtrip\tretired TS 1.2.840.10008.1.2.4.53 (JPEG spectral selection, 8-bit)\n'
  printf 'jpeg-full-progression.dcm\troundtrip\tretired TS 1.2.840.10008.1.2.4.55 (JPEG full progression, 8-bit)\n'
  printf 'explicit-big-endian.dcm\troundtrip\tretired TS 1.2.840.10008.1.2.2, 16-bit pixels\n'
  printf 'deflated-image-frames.dcm\troundtrip\tTS 1.2.840.10008.1.2.8.1 (Deflated Image Frame Compression), 2 frames\n'
  printf 'deeply-nested-sequence.dcm\tmay-reject\tsequence nesting far beyond any clinical object\n'
  printf 'private-sop-class.dcm\troundtrip\tprivate SOP class, private tags, no pixel data\n'
  printf 'meta-uid-mismatch.dcm\troundtrip\tMediaStorageSOPInstanceUID differs from SOPInstanceUID (data set wins)\n'
  printf 'uids-as-un.dcm\troundtrip\tSOP Class/Instance, Study, Series UIDs encoded with VR UN\n'
} > "$OUT/MANIFEST.tsv"

# 4. verification: every file must parse with dcmdump and pydicom
fail=0
echo "dcmdump:"
for f in "${FILES[@]}"; do
  if dcmdump -q "$OUT/$f.dcm" > "$TMP/$f.dump" 2> "$TMP/$f.err" && [ ! -s "$TMP/$f.err" ]; then
    echo "  $f.dcm: ok ($(wc -l < "$TMP/$f.dump") lines)"
  else
    echo "  $f.dcm: dcmdump reported: $(head -c 300 "$TMP/$f.err" | tr '\n' ' ')"
    fail=1
  fi
done
grep -q '(0008,0018) UN' "$TMP/uids-as-un.dump" && grep -q '(0020,000d) UN' "$TMP/uids-as-un.dump" \
  && grep -q '(0020,000e) UN' "$TMP/uids-as-un.dump" && grep -q '(0008,0016) UN' "$TMP/uids-as-un.dump" \
  && echo "  uids-as-un.dcm: dcmdump shows (0008,0016) (0008,0018) (0020,000d) (0020,000e) as UN" \
  || { echo "  uids-as-un.dcm: UIDs are not shown as UN"; fail=1; }
echo "pydicom:"
"$PY" "$HERE/generate.py" check $(printf "$OUT/%s.dcm " "${FILES[@]}") || fail=1
echo "summary (name, transfer syntax from the file meta, size; '!' = not the intended TS):"
"$PY" "$HERE/generate.py" summary $(printf "$OUT/%s.dcm " "${FILES[@]}") || fail=1
exit $fail
