package com.radrelay.archive.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an instance too large for memory waits (in plaintext) until it is encrypted into its object: a folder only
 * this process's user can enter, with a subfolder per running process. At start, the subfolders of processes that
 * are gone (a crash) are deleted with what they held; each spooled file is deleted when its instance is stored or
 * refused ({@link IncomingObject#close()}).
 */
public final class SpoolFolder {

    private static final Logger log = LoggerFactory.getLogger(SpoolFolder.class);
    static final String PREFIX = "rr-incoming-";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    private SpoolFolder(Path path) {
        this.path = path;
    }

    /** The folder (made owner-only) and this process's subfolder in it, after removing those of ended processes. */
    public static SpoolFolder prepare(Path folder) {
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    boolean endedProcess = name.matches("\\d{1,19}")
                            && ProcessHandle.of(Long.parseLong(name)).map(p -> !p.isAlive()).orElse(true);
                    if (endedProcess || name.startsWith(PREFIX)) {
                        deleteTree(entry);
                        log.info("Removed {}, spooled by an earlier run", entry);
                    }
                }
            }
            Path own = folder.resolve(Long.toString(ProcessHandle.current().pid()));
            Files.createDirectories(own, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            return new SpoolFolder(own);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the spool folder " + folder, e);
        }
    }

    private static void deleteTree(Path entry) throws IOException {
        try (Stream<Path> tree = Files.walk(entry)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where this process spools. */
    public Path path() {
        return path;
    }
}
