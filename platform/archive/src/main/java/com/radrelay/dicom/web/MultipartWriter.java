package com.radrelay.dicom.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Writes a multipart/related response body part by part, streaming each part's content. */
public final class MultipartWriter {

    private final OutputStream out;
    private final String boundary = UUID.randomUUID().toString();

    public MultipartWriter(OutputStream out) {
        this.out = out;
    }

    public String contentType(String partType) {
        return "multipart/related; type=\"" + partType + "\"; boundary=" + boundary;
    }

    public void part(String contentType, long length, InputStream content) throws IOException {
        StringBuilder head = new StringBuilder("\r\n--").append(boundary).append("\r\nContent-Type: ")
                .append(contentType).append("\r\n");
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        try (content) {
            ResponseWrites.copy(content, out);
        }
    }

    /** A part whose content {@code content} writes, of a length not known up front. */
    public void part(String contentType, Content content) throws IOException {
        out.write(("\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        content.writeTo(out);
    }

    /** Writes a part's bytes. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public void close() throws IOException {
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
