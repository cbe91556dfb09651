package com.radrelay.archive.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.storage.ObjectKey;
import com.radrelay.storage.ObjectWriter;
import com.radrelay.tenancy.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncomingObjectTests {

    @TempDir Path dir;
    final ObjectKey key = new ObjectKey(TenantId.random(), "studies/1/series/2/3.dcm");

    /** Opened part-way: what waited (in memory, or in a file past the limit) comes first, then the rest. */
    @ParameterizedTest
    @ValueSource(longs = {1_000_000, 50_000})
    void theObjectGetsEveryByteInOrderAndTheirSha256(long memoryLimit) throws Exception {
        byte[] data = new byte[300_007];
        new Random(5).nextBytes(data);
        Recording object = new Recording();
        try (IncomingObject incoming = new IncomingObject(memoryLimit, dir)) {
            incoming.write(data, 0, 70_000);
            incoming.write(data[70_000]);
            assertThat(hasFile()).isEqualTo(memoryLimit < 70_001);
            incoming.open(object, key, new byte[0]);
            assertThat(hasFile()).isFalse();
            incoming.write(data, 70_001, data.length - 70_001);
            assertThat(incoming.length()).isEqualTo(data.length);
            assertThat(incoming.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(data)));
            incoming.commit();
        }
        assertThat(object.bytes.toByteArray()).isEqualTo(data);
        assertThat(object.committed).isTrue();
        assertThat(object.closedUncommitted).isFalse();
    }

    @Test
    void aPrefixHeadsTheObjectAndItsChecksum() throws Exception {
        byte[] prefix = {'D', 'I', 'C', 'M'};
        byte[] data = new byte[1000];
        new Random(6).nextBytes(data);
        Recording object = new Recording();
        try (IncomingObject incoming = new IncomingObject(1 << 20, dir)) {
            incoming.write(data, 0, 600);
            incoming.open(object, key, prefix);
            incoming.write(data, 600, 400);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prefix);
            sha.update(data);
            assertThat(incoming.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
            assertThat(incoming.length()).isEqualTo(1004);
        }
        byte[] expected = new byte[1004];
        System.arraycopy(prefix, 0, expected, 0, 4);
        System.arraycopy(data, 0, expected, 4, 1000);
        assertThat(object.bytes.toByteArray()).isEqualTo(expected);
    }

    @Test
    void anInstanceGivenUpBeforeItsCommitDiscardsItsObject() throws IOException {
        Recording object = new Recording();
        try (IncomingObject incoming = new IncomingObject(10, dir)) {
            incoming.write(new byte[100], 0, 100);
            incoming.open(object, key, new byte[0]);
            incoming.write(new byte[100], 0, 100);
        }
        assertThat(object.closedUncommitted).isTrue();
        assertThat(hasFile()).isFalse();
    }

    private boolean hasFile() throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    private static final class Recording extends ObjectWriter {

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean committed;
        boolean closedUncommitted;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void commit() {
            committed = true;
        }

        @Override
        public void close() {
            closedUncommitted = !committed;
        }
    }
}
