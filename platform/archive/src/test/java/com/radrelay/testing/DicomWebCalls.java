package com.radrelay.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.radrelay.security.IssuedToken;
import com.radrelay.tenancy.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** DICOMweb calls of a clinic's PACS, made through MockMvc with the clinic's token. */
public final class DicomWebCalls {

    private static final String BOUNDARY = "rr-test-boundary";

    private final MockMvc http;

    public DicomWebCalls(MockMvc http) {
        this.http = http;
    }

    /** STOW-RS of parts, each {content type, bytes}, to {@code path} under the clinic's root ("/studies"...). */
    public MockHttpServletResponse stow(Tenant clinic, IssuedToken token, String path, List<byte[][]> parts)
            throws Exception {
        return stow(clinic, token, path, parts, null);
    }

    /** STOW-RS with a Content-Encoding: "gzip" compresses the body, any other name is only declared. */
    public MockHttpServletResponse stow(Tenant clinic, IssuedToken token, String path, List<byte[][]> parts,
            @Nullable String encoding) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[][] part : parts) {
            body.write(("--" + BOUNDARY + "\r\nContent-Type: " + new String(part[0], StandardCharsets.US_ASCII)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(part[1]);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] content = body.toByteArray();
        MockHttpServletRequestBuilder request = post("/dicomweb/" + clinic.slug() + path)
                .header("Authorization", "Bearer " + token.secret())
                .contentType("multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY);
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
            if (encoding.equals("gzip")) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                    gz.write(content);
                }
                content = zipped.toByteArray();
            }
        }
        return http.perform(request.content(content)).andReturn().getResponse();
    }

    /** A GET under the clinic's DICOMweb root, with an Accept header when one is given. */
    public MockHttpServletResponse get(Tenant clinic, IssuedToken token, String path, @Nullable String accept) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get("/dicomweb/" + clinic.slug() + "/" + path)
                .header("Authorization", "Bearer " + token.secret());
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.perform(request).andReturn().getResponse();
    }

    public static List<byte[][]> parts(List<Path> files) throws IOException {
        List<byte[][]> parts = new ArrayList<>();
        for (Path f : files) {
            parts.add(new byte[][] {"application/dicom".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(f)});
        }
        return parts;
    }

    /** The bodies of a multipart/related answer's parts. */
    public static List<byte[]> multipart(MockHttpServletResponse rsp) {
        String boundary = rsp.getContentType().replaceAll(".*boundary=([^;]+).*", "$1");
        byte[] body = rsp.getContentAsByteArray();
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), at + delimiter.length);
            int next = indexOf(body, delimiter, at + delimiter.length);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            parts.add(Arrays.copyOfRange(body, headersEnd + 4, next));
            at = next;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
