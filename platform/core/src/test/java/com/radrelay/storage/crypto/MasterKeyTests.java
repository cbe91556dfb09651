package com.radrelay.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTests {

    @TempDir Path dir;

    @Test
    void aGeneratedKeyFileIsOwnerOnlyAndLeavesNoDraftBehind() throws Exception {
        Path file = dir.resolve("keys/master.key");
        MasterKey first = MasterKey.load(null, file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
        UUID tenant = UUID.randomUUID();
        UUID keyId = UUID.randomUUID();
        byte[] dataKey = new byte[32];
        assertThat(MasterKey.load(null, file).unwrap(first.wrap(dataKey, tenant, keyId), tenant, keyId))
                .isEqualTo(dataKey);
    }

    @Test
    void processesGeneratingAtOnceAllGetTheSameKey() throws Exception {
        Path file = dir.resolve("master.key");
        int starters = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MasterKey>> keys = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(starters)) {
            for (int i = 0; i < starters; i++) {
                keys.add(pool.submit(() -> {
                    go.await();
                    return MasterKey.load(null, file);
                }));
            }
            go.countDown();
            UUID tenant = UUID.randomUUID();
            byte[] wrapped = keys.getFirst().get().wrap(new byte[32], tenant, tenant);
            for (Future<MasterKey> key : keys) {
                assertThat(key.get().unwrap(wrapped, tenant, tenant)).hasSize(32);
            }
        }
    }

    @Test
    void aKeyFileOthersMayReadIsRefused() throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey.load(null, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MasterKey.load(null, file)).hasMessageContaining("may be read by others")
                .hasMessageContaining("chmod 600");
    }
}
