package com.radrelay.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartPartsTests {

    @Test
    void partsComeOneByOneWithTheirHeadersAndBodies() throws IOException {
        String body = "preamble\r\n--b\r\nContent-Type: application/dicom\r\n\r\nfirst\r\n--b\r\n"
                + "content-type: text/plain\r\nX-Other: 1\r\n\r\nsecond part\r\n--b--\r\nepilogue";
        List<String> seen = new ArrayList<>();
        MultipartParts.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), "b",
                (headers, part) -> seen.add(MultipartParts.header(headers, "content-type", "?") + "="
                        + new String(part.readAllBytes(), StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("application/dicom=first", "text/plain=second part");
    }

    @Test
    void aPartNotReadToItsEndIsSkipped() throws IOException {
        String body = "--b\r\nContent-Type: a\r\n\r\n0123456789\r\n--b\r\nContent-Type: c\r\n\r\nxy\r\n--b--\r\n";
        List<String> seen = new ArrayList<>();
        MultipartParts.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), "b",
                (headers, part) -> seen.add(new String(part.readNBytes(2), StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("01", "xy");
    }

    @Test
    void headersBeyondTheLimitEndTheBodyInsteadOfFillingMemory() {
        String body = "--b\r\nX-Huge: " + "a".repeat(100_000) + "\r\n\r\nbody\r\n--b--\r\n";
        assertThatThrownBy(() -> MultipartParts.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                "b", (headers, part) -> part.readAllBytes())).isInstanceOf(IOException.class)
                .hasMessageContaining("headers of a part are longer");
    }

    @Test
    void aBodyThatBreaksOffIsMalformedAfterThePartsBeforeIt() {
        String body = "--b\r\nContent-Type: a\r\n\r\nwhole\r\n--b\r\nContent-Type: a\r\n\r\ncut off";
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> MultipartParts.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                "b", (headers, part) -> seen.add(new String(part.readAllBytes(), StandardCharsets.US_ASCII))))
                .isInstanceOf(IOException.class);
        assertThat(seen).startsWith("whole");
    }
}
