package com.radrelay.archive.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFolderTests {

    @TempDir Path dir;

    @Test
    void theFolderIsOwnerOnlyAndWhatAnEndedProcessLeftIsGoneAtStart() throws Exception {
        Path folder = dir.resolve("spool");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path crashed = Files.createDirectories(folder.resolve(Long.toString(ended.pid())));
        Files.writeString(crashed.resolve(SpoolFolder.PREFIX + "123.dcm"), "PATIENT^LEFT^BEHIND");
        Path running = Files.createDirectories(folder.resolve(Long.toString(ProcessHandle.current().parent()
                .orElseThrow().pid())));
        Files.writeString(running.resolve(SpoolFolder.PREFIX + "456.dcm"), "STILL^BEING^STORED");
        Files.writeString(folder.resolve(SpoolFolder.PREFIX + "789.dcm"), "FROM^BEFORE^SUBFOLDERS");
        Files.writeString(folder.resolve("notes.txt"), "not ours");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        SpoolFolder spool = SpoolFolder.prepare(folder);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(spool.path()).isEqualTo(folder.resolve(Long.toString(ProcessHandle.current().pid())));
        try (var left = Files.list(folder)) {
            assertThat(left).containsExactlyInAnyOrder(folder.resolve("notes.txt"), running, spool.path());
        }
        assertThat(running.resolve(SpoolFolder.PREFIX + "456.dcm")).as("another live process's").exists();
    }

    @Test
    void aSpilledInstanceIsOwnerOnlyAndDeletedWhenNotStored() throws IOException {
        SpoolFolder spool = SpoolFolder.prepare(dir.resolve("spool"));
        IncomingObject incoming = new IncomingObject(16, spool.path());
        incoming.write(new byte[1024], 0, 1024);
        Path spilled;
        try (var files = Files.list(spool.path())) {
            spilled = files.findFirst().orElseThrow();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spilled))).isEqualTo("rw-------");

        incoming.close();

        try (var files = Files.list(spool.path())) {
            assertThat(files).isEmpty();
        }
    }
}
