package com.radrelay.onboarding;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A scan of a licence as uploaded: a PDF, JPEG or PNG, recognised by its first bytes rather than its name. */
public record LicenceDocument(String fileName, byte[] content) {

    public static final int MAX_BYTES = 10 * 1024 * 1024;

    public LicenceDocument {
        fileName = fileName.strip();
        if (content.length == 0) {
            throw new IllegalArgumentException("the licence document is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("the licence document is larger than 10 MB; scan it at a lower "
                    + "resolution or as a PDF");
        }
        if (type(content) == null) {
            throw new IllegalArgumentException("the licence document must be a PDF, JPEG or PNG file; '"
                    + fileName + "' is none of these");
        }
    }

    public String contentType() {
        return Objects.requireNonNull(type(content));
    }

    private static @Nullable String type(byte[] bytes) {
        if (starts(bytes, "%PDF-".getBytes())) {
            return "application/pdf";
        }
        if (starts(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        if (starts(bytes, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return "image/png";
        }
        return null;
    }

    private static boolean starts(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public String toString() {
        return "LicenceDocument[" + fileName + ", " + content.length + " bytes, " + contentType() + "]";
    }
}
