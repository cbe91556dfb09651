package com.radrelay.archive.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpoolTests {

    @TempDir Path dir;

    /** In memory (limit above the size) and moved to a file part-way (limit below it). */
    @ParameterizedTest
    @ValueSource(longs = {1_000_000, 100_000})
    void keepsTheBytesAndTheirSha256(long memoryLimit) throws Exception {
        byte[] data = new byte[300_007];
        new Random(5).nextBytes(data);
        try (Spool spool = new Spool(memoryLimit, dir)) {
            spool.write(data, 0, 70_000);
            spool.write(data[70_000]);
            spool.write(data, 70_001, data.length - 70_001);
            assertThat(spool.length()).isEqualTo(data.length);
            assertThat(spool.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(data)));
            for (int read = 0; read < 2; read++) {
                try (InputStream in = spool.open()) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
            }
            assertThat(hasFile()).isEqualTo(memoryLimit < data.length);
        }
        assertThat(hasFile()).isFalse();
    }

    private boolean hasFile() throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }
}
