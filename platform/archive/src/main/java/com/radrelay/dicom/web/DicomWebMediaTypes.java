package com.radrelay.dicom.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import org.dcm4che3.data.UID;
import org.jspecify.annotations.Nullable;

/**
 * WADO-RS content negotiation (PS3.18 8.7): which media type and transfer syntax a client accepts for a part,
 * given what is stored. Whole instances can be decoded to an uncompressed transfer syntax the client names; frames
 * and bulk data are sent as stored or not at all (406 Not Acceptable).
 */
public final class DicomWebMediaTypes {

    /** Rendered media types of the compressed transfer syntaxes (PS3.18 table 8.7.3-2). */
    private static final Map<String, String> IMAGE_TYPES = Map.ofEntries(
            Map.entry(UID.JPEGBaseline8Bit, "image/jpeg"), Map.entry(UID.JPEGExtended12Bit, "image/jpeg"),
            Map.entry(UID.JPEGLossless, "image/jpeg"), Map.entry(UID.JPEGLosslessSV1, "image/jpeg"),
            Map.entry(UID.JPEGLSLossless, "image/jls"), Map.entry(UID.JPEGLSNearLossless, "image/jls"),
            Map.entry(UID.JPEG2000Lossless, "image/jp2"), Map.entry(UID.JPEG2000, "image/jp2"),
            Map.entry(UID.JPEG2000MCLossless, "image/jpx"), Map.entry(UID.JPEG2000MC, "image/jpx"),
            Map.entry(UID.HTJ2KLossless, "image/jphc"), Map.entry(UID.HTJ2KLosslessRPCL, "image/jphc"),
            Map.entry(UID.HTJ2K, "image/jphc"), Map.entry(UID.RLELossless, "image/dicom-rle"),
            Map.entry(UID.JPEGXLLossless, "image/jxl"), Map.entry(UID.JPEGXL, "image/jxl"),
            Map.entry(UID.JPEGXLJPEGRecompression, "image/jxl"), Map.entry(UID.MPEG2MPML, "video/mpeg2"),
            Map.entry(UID.MPEG2MPHL, "video/mpeg2"), Map.entry(UID.MPEG4HP41, "video/mp4"),
            Map.entry(UID.MPEG4HP41BD, "video/mp4"), Map.entry(UID.HEVCMP51, "video/H265"),
            Map.entry(UID.HEVCM10P51, "video/H265"));

    private DicomWebMediaTypes() {
    }

    /** One acceptable part type from the Accept header: type, transfer syntax ("*" or null when unspecified). */
    public record Accepted(String type, boolean multipart, @Nullable String transferSyntax) {
    }

    public static List<Accepted> accepted(HttpServletRequest rq) {
        List<Accepted> result = new ArrayList<>();
        for (String header : Collections.list(rq.getHeaders("Accept"))) {
            for (String range : header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String[] params = range.split(";");
                String type = params[0].strip().toLowerCase(Locale.ROOT);
                String partType = null;
                String ts = null;
                for (int i = 1; i < params.length; i++) {
                    String[] kv = params[i].split("=", 2);
                    if (kv.length == 2) {
                        String key = kv[0].strip().toLowerCase(Locale.ROOT);
                        String value = kv[1].strip().replace("\"", "");
                        if (key.equals("type")) {
                            partType = value.toLowerCase(Locale.ROOT);
                        } else if (key.equals("transfer-syntax")) {
                            ts = value;
                        }
                    }
                }
                if (type.equals("multipart/related")) {
                    result.add(new Accepted(partType == null ? "*/*" : partType, true, ts));
                } else {
                    result.add(new Accepted(type, false, ts));
                }
            }
        }
        if (result.isEmpty()) {
            result.add(new Accepted("*/*", true, null));
        }
        return result;
    }

    public static boolean uncompressed(String ts) {
        return ts.equals(UID.ImplicitVRLittleEndian) || ts.equals(UID.ExplicitVRLittleEndian)
                || ts.equals(UID.DeflatedExplicitVRLittleEndian)
                || ts.equals(UID.EncapsulatedUncompressedExplicitVRLittleEndian);
    }

    /** How a frame (or pixel data) stored in {@code ts} is sent, or null when the client accepts no such part. */
    public static @Nullable Accepted forPixels(List<Accepted> accepted, String ts) {
        String image = IMAGE_TYPES.get(ts);
        // Native pixel data travels as Explicit VR Little Endian bytes whatever the data set's encoding was.
        String pixelTs = uncompressed(ts) ? UID.ExplicitVRLittleEndian : ts;
        for (Accepted a : accepted) {
            String wanted = a.transferSyntax();
            boolean octets = a.type().equals("application/octet-stream") || a.type().equals("*/*");
            // Without a transfer-syntax parameter octet-stream means uncompressed (PS3.18 8.7.3.5.2).
            if (octets && (wanted == null ? uncompressed(ts) : wanted.equals("*") || wanted.equals(pixelTs))) {
                return new Accepted("application/octet-stream", a.multipart(), pixelTs);
            }
            boolean imageType = image != null
                    && (a.type().equals(image) || a.type().equals("image/*") || a.type().equals("video/*"));
            if (imageType && (wanted == null || wanted.equals("*") || wanted.equals(ts))) {
                return new Accepted(image, a.multipart(), ts);
            }
        }
        return null;
    }

    /** Whether a whole instance stored in {@code ts} may be sent as application/dicom. */
    public static @Nullable Accepted forInstance(List<Accepted> accepted, String ts) {
        for (Accepted a : accepted) {
            boolean dicom = a.type().equals("application/dicom") || a.type().equals("*/*")
                    || a.type().equals("application/*");
            // Without a transfer-syntax parameter the stored encoding is sent.
            if (dicom && (a.transferSyntax() == null || a.transferSyntax().equals("*")
                    || a.transferSyntax().equals(ts))) {
                return new Accepted("application/dicom", a.multipart(), ts);
            }
        }
        return null;
    }

    /** The transfer syntaxes the request names for whole instances (application/dicom), in its order. */
    public static List<String> namedForInstances(List<Accepted> accepted) {
        List<String> named = new ArrayList<>();
        for (Accepted a : accepted) {
            boolean dicom = a.type().equals("application/dicom") || a.type().equals("*/*")
                    || a.type().equals("application/*");
            String ts = a.transferSyntax();
            if (dicom && ts != null && !ts.equals("*") && !named.contains(ts)) {
                named.add(ts);
            }
        }
        return named;
    }

    /** Whether the request accepts a DICOM JSON answer (QIDO-RS results, metadata). */
    public static boolean acceptsJson(HttpServletRequest rq) {
        for (String accept : Collections.list(rq.getHeaders("Accept"))) {
            for (String type : accept.toLowerCase(Locale.ROOT).split(",")) {
                String t = type.split(";")[0].strip();
                if (t.equals("application/dicom+json") || t.equals("application/json") || t.equals("*/*")
                        || t.equals("application/*")) {
                    return true;
                }
            }
        }
        return !rq.getHeaders("Accept").hasMoreElements();
    }

    public static String partType(Accepted a) {
        return a.transferSyntax() == null ? a.type() : a.type() + "; transfer-syntax=" + a.transferSyntax();
    }
}
