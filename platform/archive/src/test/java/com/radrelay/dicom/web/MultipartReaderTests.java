package com.radrelay.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartReaderTests {

    @Test
    void partsComeOneByOneWithTheirHeadersAndBodies() throws IOException {
        List<String> seen = new ArrayList<>();
        MultipartReader reader = reader("preamble\r\n--b\r\nContent-Type: application/dicom\r\n\r\nfirst\r\n--b  \r\n"
                + "content-type: text/plain\r\nX-Other: 1\r\n\r\nsecond part\r\n--b--\r\nepilogue");
        for (MultipartReader.Part part; (part = reader.next()) != null; ) {
            seen.add(part.contentType() + "=" + new String(part.body().readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertThat(seen).containsExactly("application/dicom=first", "text/plain=second part");
    }

    @Test
    void aPartNotReadToItsEndIsSkipped() throws IOException {
        MultipartReader reader = reader("--b\r\nContent-Type: a\r\n\r\n0123456789\r\n--b\r\nContent-Type: c\r\n\r\nxy"
                + "\r\n--b--\r\n");
        assertThat(reader.next().body().readNBytes(2)).isEqualTo("01".getBytes(StandardCharsets.US_ASCII));
        assertThat(reader.next().body().readAllBytes()).isEqualTo("xy".getBytes(StandardCharsets.US_ASCII));
        assertThat(reader.next()).isNull();
    }

    @Test
    void headersBeyondTheLimitEndTheBodyInsteadOfFillingMemory() {
        MultipartReader reader = reader("--b\r\nX-Huge: " + "a".repeat(100_000) + "\r\n\r\nbody\r\n--b--\r\n");
        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("headers are too long");
    }

    @Test
    void aBodyThatBreaksOffIsMalformedAfterThePartsBeforeIt() throws IOException {
        MultipartReader reader = reader("--b\r\nContent-Type: a\r\n\r\nwhole\r\n--b\r\nContent-Type: a\r\n\r\ncut off");
        assertThat(reader.next().body().readAllBytes()).isEqualTo("whole".getBytes(StandardCharsets.US_ASCII));
        MultipartReader.Part cut = reader.next();
        assertThatThrownBy(() -> cut.body().readAllBytes()).isInstanceOf(IOException.class)
                .hasMessageContaining("ends inside a part");
    }

    private static MultipartReader reader(String body) {
        return new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), "b");
    }
}
