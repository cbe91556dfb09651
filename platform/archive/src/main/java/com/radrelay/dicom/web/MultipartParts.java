package com.radrelay.dicom.web;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.dcm4che3.mime.MultipartParser;

/**
 * Reads a multipart body (RFC 2046) part by part as streams, with dcm4che's parser, so parts of any size pass
 * through in constant memory. Headers of a part longer than a limit end the body: the parser would otherwise hold
 * them in memory whatever their size.
 */
public final class MultipartParts {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** Receives each part in turn: its headers (names in lower case) and its body, to be read before returning. */
    public interface Handler {
        void part(Map<String, List<String>> headers, InputStream body) throws IOException;
    }

    private MultipartParts() {
    }

    /** Reads the whole body; an IOException says how it is malformed (the parts before it were handled). */
    public static void read(InputStream body, String boundary, Handler handler) throws IOException {
        HeaderLimit in = new HeaderLimit(new BufferedInputStream(body, BUFFER));
        new MultipartParser(boundary).parse(in, (number, part) -> {
            in.limit = MAX_HEADER_BYTES;
            Map<String, List<String>> headers = part.readHeaderParams();
            in.limit = -1;
            handler.part(headers, part);
        });
    }

    /** The first value of a header, or {@code fallback}. */
    public static String header(Map<String, List<String>> headers, String name, String fallback) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }

    /** Counts down while a part's headers are read; past the limit the body is refused. */
    private static final class HeaderLimit extends FilterInputStream {

        int limit = -1;

        HeaderLimit(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            spend(1);
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            spend(n);
            return n;
        }

        private void spend(int n) throws IOException {
            if (limit >= 0 && n > 0 && (limit -= n) < 0) {
                throw new IOException("the headers of a part are longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
    }
}
