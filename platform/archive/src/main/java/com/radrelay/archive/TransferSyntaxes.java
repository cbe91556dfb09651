package com.radrelay.archive;

import java.util.List;
import org.dcm4che3.data.UID;

/** The transfer syntaxes the archive accepts and keeps exactly as received; it never transcodes. */
public final class TransferSyntaxes {

    /** Uncompressed first: the order presentation contexts are offered in. */
    public static final List<String> STORED_AS_RECEIVED = List.of(
            UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.DeflatedExplicitVRLittleEndian,
            UID.EncapsulatedUncompressedExplicitVRLittleEndian,
            UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit, UID.JPEGLossless, UID.JPEGLosslessSV1,
            UID.JPEGLSLossless, UID.JPEGLSNearLossless, UID.JPEG2000Lossless, UID.JPEG2000,
            UID.JPEG2000MCLossless, UID.JPEG2000MC, UID.HTJ2KLossless, UID.HTJ2KLosslessRPCL, UID.HTJ2K,
            UID.RLELossless, UID.JPEGXLLossless, UID.JPEGXLJPEGRecompression, UID.JPEGXL,
            UID.MPEG2MPML, UID.MPEG2MPHL, UID.MPEG4HP41, UID.MPEG4HP41BD, UID.HEVCMP51, UID.HEVCM10P51);

    private TransferSyntaxes() {
    }
}
