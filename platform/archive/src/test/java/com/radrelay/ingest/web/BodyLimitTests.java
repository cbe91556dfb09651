package com.radrelay.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A body whose length nobody declared (chunked) is stopped by the read that passes the limit. */
class BodyLimitTests {

    @Test
    void readingUpToTheLimitPassesAndTheByteBeyondItIsRefused() throws IOException {
        InputStream body = new BodyLimit(new ByteArrayInputStream(new byte[3 * 1024 * 1024]), 2 * 1024 * 1024);
        assertThat(body.readNBytes(2 * 1024 * 1024)).hasSize(2 * 1024 * 1024);
        assertThatThrownBy(body::read).isInstanceOf(BodyLimit.Exceeded.class)
                .hasMessage("the request body is longer than the 2 MB one request may send: send the instances in "
                        + "several requests");
    }
}
