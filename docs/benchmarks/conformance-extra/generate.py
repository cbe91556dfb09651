#!/usr/bin/python3
"""Deterministic generator for the conformance-extra corpus (see README.md).

Called by generate.sh; run with Debian's /usr/bin/python3 (pydicom 2.3.x + numpy).

  generate.py OUTDIR          write every python-made file and the DCMTK inputs
  generate.py summary FILE..  one line per file: name, transfer syntax, size
  generate.py check FILE..    re-read every file with pydicom and print what it found

Everything is fixed: UIDs are 2.25.<uuid5 of a fixed name>, pixel values come from a
numpy Generator with a fixed seed, dates/times are constants. Nothing depends on the
clock, the host or the run.
"""
import os
import struct
import sys
import uuid
import zlib

import numpy as np
import pydicom
import pydicom._uid_dict
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.dataelem import DataElement
from pydicom.encaps import encapsulate
from pydicom.filebase import DicomBytesIO
import pydicom.filewriter
from pydicom.filewriter import write_dataset
from pydicom.uid import UID, ExplicitVRLittleEndian

NS = uuid.UUID("5b0c2f36-8f43-4c55-9a53-2f7a1c0e4d11")  # fixed namespace of this corpus
SC = "1.2.840.10008.5.1.4.1.1.7"            # Secondary Capture Image Storage
MF_WORD_SC = "1.2.840.10008.5.1.4.1.1.7.3"   # Multi-frame Grayscale Word SC Image Storage
DEFLATED_FRAMES = "1.2.840.10008.1.2.8.1"    # Deflated Image Frame Compression (Sup 244)
NESTING_DEPTH = 3000


def uid(name):
    """Fixed UID for a name: 2.25.<decimal of the name-based (v5) UUID>, PS3.5 B.2."""
    return "2.25.%d" % uuid.uuid5(NS, "conformance-extra/" + name).int


PRIVATE_SOP_CLASS = uid("private-sop-class/sop-class")


def teach_pydicom_deflated_frames():
    """pydicom 2.3 does not know 1.2.840.10008.1.2.8.1: without a dictionary entry
    UID.is_compressed raises and dcmwrite cannot decide the Pixel Data length encoding.
    Registering it as a transfer syntax makes pydicom treat it like every other
    encapsulated syntax (explicit VR little endian, undefined-length Pixel Data)."""
    pydicom._uid_dict.UID_dictionary.setdefault(
        DEFLATED_FRAMES, ("Deflated Image Frame Compression", "Transfer Syntax", "", "",
                          "DeflatedImageFrameCompression"))


def image_u8(rows, cols, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols]
    img = (x * 255 // (cols - 1) + (y // 8 % 2) * 40 + rng.integers(0, 16, (rows, cols)))
    return np.clip(img, 0, 255).astype(np.uint8)


def image_u16(rows, cols, seed, frames=1, bits_stored=12):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols]
    top = (1 << bits_stored) - 1
    out = []
    for f in range(frames):
        img = ((x + y + 17 * f) * top // (rows + cols + 17 * frames)
               + rng.integers(0, 64, (rows, cols)))
        out.append(np.clip(img, 0, top).astype("<u2"))
    return np.stack(out) if frames > 1 else out[0]


def base_ds(case, n, sop_class=SC, ts=ExplicitVRLittleEndian, modality="OT"):
    """Patient/study/series/instance/equipment attributes every file carries; each case
    has its own study, series and instance UIDs."""
    fm = FileMetaDataset()
    fm.MediaStorageSOPClassUID = sop_class
    fm.MediaStorageSOPInstanceUID = uid(case + "/sop")
    fm.TransferSyntaxUID = ts
    ds = Dataset()
    ds.file_meta = fm
    ds.preamble = b"\0" * 128
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.InstanceCreationDate = "20240102"
    ds.InstanceCreationTime = "120000"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = uid(case + "/sop")
    ds.StudyDate = "20240102"
    ds.SeriesDate = "20240102"
    ds.ContentDate = "20240102"
    ds.StudyTime = "120000"
    ds.SeriesTime = "120000"
    ds.ContentTime = "120000"
    ds.AccessionNumber = "CX%04d" % n
    ds.Modality = modality
    ds.ConversionType = "WSD"
    ds.Manufacturer = "conformance-extra generator"
    ds.ReferringPhysicianName = ""
    ds.StudyDescription = "conformance-extra " + case
    ds.SeriesDescription = case
    ds.PatientName = "CONFEXTRA^%s" % case.upper().replace("-", "_")[:40]
    ds.PatientID = "CONFX-%02d" % n
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "O"
    ds.StudyInstanceUID = uid(case + "/study")
    ds.SeriesInstanceUID = uid(case + "/series")
    ds.StudyID = "CX%d" % n
    ds.SeriesNumber = 100 + n
    ds.InstanceNumber = 1
    ds.PatientOrientation = ""
    return ds


def set_pixels(ds, arr, bits_stored, frames=1):
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    if frames > 1:
        ds.NumberOfFrames = frames
        ds.FrameIncrementPointer = 0x00181063  # Frame Time
        ds.FrameTime = "100"
    ds.Rows, ds.Columns = arr.shape[-2:]
    ds.BitsAllocated = arr.dtype.itemsize * 8
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 0
    ds.BurnedInAnnotation = "NO"
    ds.PixelData = arr.astype(arr.dtype.newbyteorder("<")).tobytes()
    ds["PixelData"].VR = "OB" if ds.BitsAllocated == 8 else "OW"


def save(ds, path):
    ds.save_as(path, write_like_original=False)
    return path


# ----------------------------------------------------------------------------- cases


def case_jpeg_input(out, name, n):
    """8-bit MONOCHROME2 explicit VR LE input that generate.sh hands to dcmcjpeg."""
    ds = base_ds(name, n)
    set_pixels(ds, image_u8(64, 64, seed=n), 8)
    return save(ds, os.path.join(out, name + ".in.dcm"))


def case_big_endian_input(out, n):
    """16-bit MONOCHROME2 explicit VR LE input that generate.sh converts with dcmconv +tb."""
    name = "explicit-big-endian"
    ds = base_ds(name, n)
    set_pixels(ds, image_u16(64, 64, seed=n), 12)
    return save(ds, os.path.join(out, name + ".in.dcm"))


def case_deflated_frames(out, n):
    """Deflated Image Frame Compression (1.2.840.10008.1.2.8.1), 2 frames of 64x64x16 bit.
    Data set: explicit VR little endian. Pixel Data (7FE0,0010) OB, undefined length,
    encapsulated: Basic Offset Table item with the 2 frame offsets, then one fragment per
    frame; each fragment is the frame's native little-endian pixel bytes compressed with
    raw Deflate (RFC 1951, no zlib header / Adler-32 trailer), padded with one 0x00 to an
    even length when needed (PS3.5 A.4: item values have even length)."""
    teach_pydicom_deflated_frames()
    name = "deflated-image-frames"
    ds = base_ds(name, n, sop_class=MF_WORD_SC, ts=UID(DEFLATED_FRAMES))
    frames = image_u16(64, 64, seed=n, frames=2)
    set_pixels(ds, frames, 12, frames=2)
    fragments = []
    for f in frames:
        native = f.astype("<u2").tobytes()
        co = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, 9, zlib.Z_DEFAULT_STRATEGY)
        comp = co.compress(native) + co.flush()
        assert zlib.decompress(comp, -zlib.MAX_WBITS) == native
        fragments.append(comp)
    ds.PixelData = encapsulate(fragments, fragments_per_frame=1, has_bot=True)
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    return save(ds, os.path.join(out, name + ".dcm"))


def nested_content_sequence(depth):
    """(0040,A730) Content Sequence nested `depth` levels deep, explicit VR little endian,
    every sequence and item with undefined length; the innermost item holds a TEXT
    content item. Built iteratively, so no recursion limit is involved."""
    seq_hdr = struct.pack("<HH2sHI", 0x0040, 0xA730, b"SQ", 0, 0xFFFFFFFF)
    item_hdr = struct.pack("<HHI", 0xFFFE, 0xE000, 0xFFFFFFFF)
    item_end = struct.pack("<HHI", 0xFFFE, 0xE00D, 0)
    seq_end = struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)

    def elem(group, el, vr, value):
        return struct.pack("<HH2sH", group, el, vr, len(value)) + value

    text = b"innermost item at depth %04d" % depth  # even length
    leaf = (elem(0x0040, 0xA010, b"CS", b"CONTAINS") + elem(0x0040, 0xA040, b"CS", b"TEXT")
            + struct.pack("<HH2sHI", 0x0040, 0xA160, b"UT", 0, len(text)) + text)
    return (seq_hdr + item_hdr) * depth + leaf + (item_end + seq_end) * depth


def case_deep_nesting(out, n):
    name = "deeply-nested-sequence"
    ds = base_ds(name, n)
    set_pixels(ds, image_u8(64, 64, seed=n), 8)
    pixel = ds["PixelData"]
    del ds.PixelData  # written by hand after the nested sequence (tag order)
    path = save(ds, os.path.join(out, name + ".dcm"))
    tail = DicomBytesIO()
    tail.is_little_endian, tail.is_implicit_VR = True, False
    rest = Dataset()
    rest.is_little_endian, rest.is_implicit_VR = True, False
    rest.add(pixel)
    write_dataset(tail, rest)
    assert max(ds.keys()) < 0x0040A730
    with open(path, "ab") as f:
        f.write(nested_content_sequence(NESTING_DEPTH))
        f.write(tail.getvalue())
    return path


def case_private_sop_class(out, n):
    """No pixel data; private SOP class; a private block with a few values."""
    name = "private-sop-class"
    ds = base_ds(name, n, sop_class=PRIVATE_SOP_CLASS)
    del ds.ConversionType
    del ds.PatientOrientation
    ds.ContentLabel = "PRIVATE_OBJECT"
    ds.ContentDescription = "instance of a private SOP class, no pixel data"
    block = ds.private_block(0x0011, "CONFEXTRA PRIVATE 1.0", create=True)
    block.add_new(0x01, "LO", "private long string")
    block.add_new(0x02, "US", 4242)
    block.add_new(0x03, "DS", "3.14159")
    block.add_new(0x04, "OB", bytes(range(16)))
    block.add_new(0x05, "UT", "private unlimited text value")
    return save(ds, os.path.join(out, name + ".dcm"))


def case_meta_mismatch(out, n):
    name = "meta-uid-mismatch"
    ds = base_ds(name, n)
    set_pixels(ds, image_u8(64, 64, seed=n), 8)
    path = save(ds, os.path.join(out, name + ".dcm"))
    # dcmwrite (write_like_original=False) copies SOPInstanceUID into the meta, so the
    # meta group is re-written afterwards with a different MediaStorageSOPInstanceUID
    fm = FileMetaDataset()
    for elem in ds.file_meta:
        if elem.tag != 0x00020000:
            fm.add(elem)
    fm.MediaStorageSOPInstanceUID = uid(name + "/stale-meta-sop")
    with open(path, "rb") as f:
        data = f.read()
    assert data[128:132] == b"DICM" and data[132:136] == b"\x02\x00\x00\x00"
    meta_end = 144 + struct.unpack("<I", data[140:144])[0]
    meta = DicomBytesIO()
    meta.is_little_endian, meta.is_implicit_VR = True, False
    pydicom.filewriter.write_file_meta_info(meta, fm, enforce_standard=True)
    with open(path, "wb") as f:
        f.write(data[:132] + meta.getvalue() + data[meta_end:])
    return path


def case_uids_as_un(out, n):
    """SOP Class/Instance, Study and Series Instance UIDs written with VR UN instead of UI
    (values unchanged, NUL-padded to even length as UI would be)."""
    name = "uids-as-un"
    ds = base_ds(name, n)
    set_pixels(ds, image_u8(64, 64, seed=n), 8)
    for kw in ("SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID"):
        tag = ds[kw].tag
        v = str(ds[kw].value).encode("ascii")
        if len(v) % 2:
            v += b"\0"
        # pydicom turns UN into the dictionary VR for known tags unless told not to
        saved, pydicom.config.replace_un_with_known_vr = pydicom.config.replace_un_with_known_vr, False
        try:
            ds[tag] = DataElement(tag, "UN", v)
        finally:
            pydicom.config.replace_un_with_known_vr = saved
        assert ds[tag].VR == "UN"
    # dcmwrite re-copies SOPClassUID/SOPInstanceUID (bytes here) into the meta, warning
    # about the NUL pad; the meta bytes come out identical to the UI values set above
    import warnings
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Invalid value for VR UI")
        return save(ds, os.path.join(out, name + ".dcm"))


# ----------------------------------------------------------------------------- tools


def meta_ts(path):
    from pydicom.filereader import read_preamble, _read_file_meta_info
    with open(path, "rb") as f:
        read_preamble(f, False)
        return str(_read_file_meta_info(f).get("TransferSyntaxUID", ""))


EXPECTED_TS = {
    "jpeg-spectral-selection.dcm": "1.2.840.10008.1.2.4.53",
    "jpeg-full-progression.dcm": "1.2.840.10008.1.2.4.55",
    "explicit-big-endian.dcm": "1.2.840.10008.1.2.2",
    "deflated-image-frames.dcm": DEFLATED_FRAMES,
}


def summary(paths):
    bad = 0
    for p in paths:
        name, ts = os.path.basename(p), meta_ts(p)
        want = EXPECTED_TS.get(name, ExplicitVRLittleEndian)
        bad += ts != want
        print("  %-28s %-24s %7d bytes%s" % (name, ts, os.path.getsize(p), "" if ts == want else "  ! want " + want))
    return 1 if bad else 0


def check(paths):
    """Re-read each file with pydicom (deep nesting needs a high recursion limit and a
    big thread stack) and print UIDs, pixel facts and, where relevant, what was found."""
    import threading
    import warnings
    warnings.filterwarnings("ignore", message="Invalid value for VR UI")  # NUL-padded UN->UI
    sys.setrecursionlimit(200000)
    threading.stack_size(512 * 1024 * 1024)
    teach_pydicom_deflated_frames()
    ok = [True]

    def one(p):
        ds = pydicom.dcmread(p)
        name = os.path.basename(p)
        facts = ["TS=%s" % ds.file_meta.TransferSyntaxUID]
        for kw in ("SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID"):
            tag = pydicom.datadict.tag_for_keyword(kw)
            vr_on_disk = ds._dict[tag].VR  # still the raw element: VR as written
            facts.append("%s=%s(%s)" % (kw, str(ds[kw].value).rstrip("\0"), vr_on_disk))
        if ds.file_meta.MediaStorageSOPInstanceUID != ds.SOPInstanceUID:
            facts.append("meta SOP Instance UID differs: %s" % ds.file_meta.MediaStorageSOPInstanceUID)
        if "PixelData" in ds:
            facts.append("%dx%d frames=%s BA=%d BS=%d %s" % (ds.Rows, ds.Columns, ds.get("NumberOfFrames", 1),
                         ds.BitsAllocated, ds.BitsStored, ds.PhotometricInterpretation))
        if ds.file_meta.TransferSyntaxUID == DEFLATED_FRAMES:
            from pydicom.encaps import generate_pixel_data_frame
            frames = list(generate_pixel_data_frame(ds.PixelData, int(ds.NumberOfFrames)))
            want = image_u16(64, 64, seed=int(ds.SeriesNumber) - 100, frames=2)
            for i, fr in enumerate(frames):
                got = np.frombuffer(zlib.decompress(fr, -zlib.MAX_WBITS), dtype="<u2").reshape(64, 64)
                if not np.array_equal(got, want[i]):
                    ok[0] = False
                    facts.append("frame %d MISMATCH" % (i + 1))
            facts.append("%d fragments, each inflates to the original frame" % len(frames))
        if "ContentSequence" in ds:
            depth, item = 0, ds
            while "ContentSequence" in item:
                item = item.ContentSequence[0]
                depth += 1
            facts.append("ContentSequence depth %d, leaf %r" % (depth, str(item.get("TextValue", ""))))
        print("  %s: %s" % (name, "; ".join(facts)))

    for p in paths:
        t = threading.Thread(target=lambda: _guard(one, p, ok))
        t.start()
        t.join()
    return 0 if ok[0] else 1


def _guard(fn, p, ok):
    try:
        fn(p)
    except Exception as e:
        ok[0] = False
        print("  %s: pydicom FAILED: %s: %s" % (os.path.basename(p), type(e).__name__, e))


def main(argv):
    if argv[:1] == ["summary"]:
        return summary(argv[1:])
    if argv[:1] == ["check"]:
        return check(argv[1:])
    out = argv[0]
    os.makedirs(out, exist_ok=True)
    case_jpeg_input(out, "jpeg-spectral-selection", 1)
    case_jpeg_input(out, "jpeg-full-progression", 2)
    case_big_endian_input(out, 3)
    case_deflated_frames(out, 4)
    case_deep_nesting(out, 5)
    case_private_sop_class(out, 6)
    case_meta_mismatch(out, 7)
    case_uids_as_un(out, 8)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
