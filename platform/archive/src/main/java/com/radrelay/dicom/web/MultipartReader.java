package com.radrelay.dicom.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a multipart body (RFC 2046) part by part as streams, so parts of any size pass through in constant
 * memory. Each part's stream ends at the next delimiter; reading the next part skips what was left unread.
 */
public final class MultipartReader {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean finished;
    private boolean afterDelimiter;
    // Where the next delimiter starts in buf (-1: not in the bytes read so far); valid until buf changes.
    private int delimiterAt = -2;
    private @Nullable PartStream current;

    public MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(BUFFER, delimiter.length * 4)];
        // The first delimiter may open the body without a preceding CRLF.
        this.buf[0] = '\r';
        this.buf[1] = '\n';
        this.limit = 2;
    }

    /** The next part, or null after the closing delimiter. */
    public @Nullable Part next() throws IOException {
        if (current != null) {
            current.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (!afterDelimiter && !skipToDelimiter()) {
            throw new IOException("multipart body has no delimiter for its boundary");
        }
        afterDelimiter = false;
        if (finished) {
            return null;
        }
        // After a delimiter: "--" closes the body, else optional whitespace, CRLF, headers, empty line.
        if (!fill(2)) {
            throw new IOException("multipart body ends after a delimiter");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        Map<String, String> headers = readHeaders();
        current = new PartStream();
        return new Part(headers, current);
    }

    private boolean skipToDelimiter() throws IOException {
        while (true) {
            int at = delimiter();
            if (at >= 0) {
                pos = at + delimiter.length;
                delimiterAt = -2;
                return true;
            }
            int keep = Math.min(limit - pos, delimiter.length - 1);
            pos = limit - keep;
            if (!refill()) {
                return false;
            }
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        StringBuilder line = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        boolean firstLine = true;
        int total = 0;
        while (true) {
            if (!fill(1)) {
                throw new IOException("multipart part ends inside its headers");
            }
            char c = (char) (buf[pos++] & 0xff);
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers are too long");
            }
            if (c == '\r') {
                continue;
            }
            if (c != '\n') {
                line.append(c);
                continue;
            }
            if (firstLine) {
                // The rest of the delimiter line (transport padding) carries nothing.
                firstLine = false;
                line.setLength(0);
                continue;
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(":");
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            line.setLength(0);
        }
    }

    private int delimiter() {
        if (delimiterAt == -2) {
            delimiterAt = indexOfDelimiter();
        }
        return delimiterAt;
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        for (int i = pos; i <= limit - delimiter.length; i++) {
            if (buf[i] == first && Arrays.equals(buf, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Moves unread bytes to the front and reads more; false at end of input. */
    private boolean refill() throws IOException {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        delimiterAt = -2;
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private boolean fill(int needed) throws IOException {
        while (limit - pos < needed) {
            if (!refill()) {
                return false;
            }
        }
        return true;
    }

    public record Part(Map<String, String> headers, InputStream body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "application/octet-stream");
        }
    }

    /** One part's bytes: up to (not including) the next delimiter. */
    private final class PartStream extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended || len == 0) {
                return ended ? -1 : 0;
            }
            while (true) {
                int at = delimiter();
                int safe = at >= 0 ? at : Math.max(pos, limit - delimiter.length + 1);
                if (safe > pos) {
                    int n = Math.min(len, safe - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (at >= 0) {
                    pos = at + delimiter.length;
                    delimiterAt = -2;
                    ended = true;
                    afterDelimiter = true;
                    current = null;
                    return -1;
                }
                if (!refill()) {
                    throw new IOException("multipart body ends inside a part");
                }
            }
        }
    }
}
