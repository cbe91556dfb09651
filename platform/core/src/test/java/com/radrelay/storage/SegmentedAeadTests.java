package com.radrelay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.storage.crypto.DataKey;
import com.radrelay.storage.crypto.SegmentedAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SegmentedAeadTests {

    static final int SEGMENT = 1024;
    final SegmentedAead aead = new SegmentedAead(SEGMENT);
    final DataKey key = new DataKey(UUID.randomUUID(), new SecretKeySpec(new byte[32], "AES"));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 512})
    void encryptsAndDecryptsAnyLength(int length) throws IOException {
        byte[] plain = random(length);
        byte[] sealed = encrypt(plain, "obj");
        assertThat(sealed).hasSize((int) aead.encryptedLength(length));
        assertThat(aead.plaintextLength(sealed.length)).isEqualTo(length);
        assertThat(decrypt(sealed, "obj", 0, length)).isEqualTo(plain);
    }

    @Test
    void readsAnyRangeByDecryptingOnlyTheSegmentsThatCoverIt() throws IOException {
        byte[] plain = random(5 * SEGMENT + 100);
        byte[] sealed = encrypt(plain, "obj");
        for (int[] r : new int[][] {{0, 10}, {SEGMENT - 3, 6}, {2 * SEGMENT, SEGMENT}, {5 * SEGMENT + 99, 1},
                {17, 4 * SEGMENT}, {plain.length, 0}}) {
            int from = (int) aead.ciphertextStart(r[0]);
            int to = (int) aead.ciphertextEnd(r[0], r[1], plain.length);
            byte[] covering = Arrays.copyOfRange(sealed, from, to);
            byte[] header = Arrays.copyOf(sealed, SegmentedAead.HEADER_LENGTH);
            byte[] got = aead.decrypt(key, "obj", header, new ByteArrayInputStream(covering), plain.length, r[0], r[1])
                    .readAllBytes();
            assertThat(got).as("range %d+%d", r[0], r[1]).isEqualTo(Arrays.copyOfRange(plain, r[0], r[0] + r[1]));
        }
    }

    @Test
    void aChangedByteFailsAuthentication() {
        byte[] sealed = encrypt(random(3 * SEGMENT), "obj");
        sealed[SegmentedAead.HEADER_LENGTH + SEGMENT + 40] ^= 1;
        assertThatThrownBy(() -> decrypt(sealed, "obj", 0, 3 * SEGMENT)).isInstanceOf(IOException.class)
                .hasMessageContaining("segment 1 fails authentication");
    }

    @Test
    void anObjectCutAtASegmentBoundaryIsDetected() {
        byte[] sealed = encrypt(random(3 * SEGMENT), "obj");
        byte[] cut = Arrays.copyOf(sealed, (int) aead.encryptedLength(2 * SEGMENT));
        // Claiming the shorter length makes segment 1 the last one, which it was not when written.
        assertThatThrownBy(() -> decrypt(cut, "obj", 0, 2 * SEGMENT)).isInstanceOf(IOException.class)
                .hasMessageContaining("fails authentication");
    }

    @Test
    void anObjectCopiedUnderAnotherNameDoesNotDecrypt() {
        byte[] sealed = encrypt(random(100), "tenants/a/x");
        assertThatThrownBy(() -> decrypt(sealed, "tenants/b/x", 0, 100)).isInstanceOf(IOException.class);
    }

    @Test
    void theSameHeaderAndPlaintextGiveTheSameBytes() {
        byte[] plain = random(5000);
        byte[] header = aead.newHeader(key);
        assertThat(encryptWith(header, plain)).isEqualTo(encryptWith(header, plain));
        assertThat(encrypt(plain, "obj")).isNotEqualTo(encrypt(plain, "obj"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, SEGMENT - 1, SEGMENT, SEGMENT + 1})
    void writingInPiecesOfAnySizeGivesTheSameBytes(int piece) throws IOException {
        byte[] plain = random(3 * SEGMENT + 512);
        byte[] header = aead.newHeader(key);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        SegmentedAead.Sealing sealing = aead.sealing(header, key, "obj", sealed);
        for (int at = 0; at < plain.length; at += piece) {
            sealing.write(plain, at, Math.min(piece, plain.length - at));
        }
        sealing.finish();
        assertThat(sealed.toByteArray()).isEqualTo(encryptWith(header, plain));
        assertThatThrownBy(() -> sealing.write(1)).isInstanceOf(IOException.class).hasMessageContaining("sealed");
    }

    private byte[] encryptWith(byte[] header, byte[] plain) {
        try {
            ByteArrayOutputStream sealed = new ByteArrayOutputStream();
            SegmentedAead.Sealing sealing = aead.sealing(header, key, "obj", sealed);
            sealing.write(plain);
            sealing.finish();
            return sealed.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void newObjectsAreFormat2AndEachHasAKeyOfItsOwn() {
        byte[] header = aead.newHeader(key);
        assertThat(new String(header, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RRE2");
        assertThat(header[20]).as("log2 of the segment size").isEqualTo((byte) 10);
        // Format 2 gives every object the same nonces; only its own key keeps two objects' keystreams apart: under
        // one key, the XOR of the ciphertexts would be the XOR of the plaintexts.
        byte[] a = random(SEGMENT);
        byte[] b = random(SEGMENT);
        byte[] sealedA = encrypt(a, "obj");
        byte[] sealedB = encrypt(b, "obj");
        byte[] xorCiphertexts = new byte[SEGMENT];
        byte[] xorPlaintexts = new byte[SEGMENT];
        int body = SegmentedAead.HEADER_LENGTH;
        for (int i = 0; i < SEGMENT; i++) {
            xorCiphertexts[i] = (byte) (sealedA[body + i] ^ sealedB[body + i]);
            xorPlaintexts[i] = (byte) (a[i] ^ b[i]);
        }
        assertThat(xorCiphertexts).isNotEqualTo(xorPlaintexts);
    }

    @Test
    void format1ObjectsWrittenBeforeStayReadable() throws IOException {
        // Written by the format 1 code with this key, segment size and name (src/test/resources/storage).
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        DataKey old = new DataKey(UUID.fromString("00000000-0000-4000-8000-00000000e001"), new SecretKeySpec(raw, "AES"));
        byte[] sealed;
        try (InputStream in = getClass().getResourceAsStream("/storage/rre1-object.bin")) {
            sealed = in.readAllBytes();
        }
        byte[] expected = new byte[3000];
        new Random(1).nextBytes(expected);
        byte[] header = Arrays.copyOf(sealed, SegmentedAead.HEADER_LENGTH);
        assertThat(new String(header, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RRE1");
        assertThat(SegmentedAead.keyId(header)).isEqualTo(old.id());
        InputStream body = new ByteArrayInputStream(sealed, SegmentedAead.HEADER_LENGTH, sealed.length);
        assertThat(aead.decrypt(old, "fixtures/rre1.dcm", header, body, aead.plaintextLength(sealed.length), 0, 3000)
                .readAllBytes()).isEqualTo(expected);
        byte[] range = aead.decrypt(old, "fixtures/rre1.dcm", header, new ByteArrayInputStream(Arrays.copyOfRange(
                sealed, (int) aead.ciphertextStart(2000), sealed.length)), 3000, 2000, 500).readAllBytes();
        assertThat(range).isEqualTo(Arrays.copyOfRange(expected, 2000, 2500));
    }

    @Test
    void theHeaderNamesTheKey() {
        byte[] sealed = encrypt(random(10), "obj");
        assertThat(SegmentedAead.keyId(Arrays.copyOf(sealed, SegmentedAead.HEADER_LENGTH))).isEqualTo(key.id());
    }

    private byte[] encrypt(byte[] plain, String name) {
        try {
            ByteArrayOutputStream sealed = new ByteArrayOutputStream();
            SegmentedAead.Sealing sealing = aead.sealing(aead.newHeader(key), key, name, sealed);
            sealing.write(plain);
            sealing.finish();
            return sealed.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] decrypt(byte[] sealed, String name, long offset, long length) throws IOException {
        byte[] header = Arrays.copyOf(sealed, SegmentedAead.HEADER_LENGTH);
        InputStream body = new ByteArrayInputStream(sealed, SegmentedAead.HEADER_LENGTH, sealed.length);
        return aead.decrypt(key, name, header, body, aead.plaintextLength(sealed.length), offset, length).readAllBytes();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
