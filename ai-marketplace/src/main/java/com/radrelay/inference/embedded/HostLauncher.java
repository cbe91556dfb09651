package com.radrelay.inference.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

/**
 * How a model's process is started: this JVM's java with this JVM's class path, {@link ModelHost} as main class
 * (through Spring Boot's launcher when running from the application jar), under a data-segment limit
 * ({@code ulimit -d}, RLIMIT_DATA: every private writable mapping, so the Java heap, direct buffers and ONNX
 * Runtime's own allocations together). Its options go in an argument file: ONNX Runtime 1.29 crashes a JVM whose
 * command line is longer than about 4 KB (docs/decisions.md).
 */
final class HostLauncher implements AutoCloseable {

    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final DataSize memory;
    private final Path folder;
    private final Path argfile;
    private final String java;

    /** The Java runtime and ONNX Runtime alone need about 64 MB of data segment (measured); a model needs some too. */
    static final DataSize LEAST = DataSize.ofMegabytes(128);

    HostLauncher(DataSize memory) {
        if (memory.compareTo(LEAST) < 0) {
            throw new IllegalArgumentException("radrelay.inference.model-memory is " + memory.toMegabytes()
                    + " MB; a model's process needs at least " + LEAST.toMegabytes() + " MB");
        }
        this.memory = memory;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long megabytes = memory.toMegabytes();
        // A quarter each for the heap (the request and answer arrays) and direct buffers (tensors handed to the
        // runtime); the runtime's own allocations take the rest, the JVM's fixed cost comes off the whole.
        List<String> args = new ArrayList<>(List.of("-Xms32m", "-Xmx" + Math.max(32, megabytes / 4) + "m",
                "-XX:MaxDirectMemorySize=" + Math.max(32, megabytes / 4) + "m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxMetaspaceSize=96m", "-Xss512k", "--enable-native-access=ALL-UNNAMED"));
        try {
            folder = Files.createTempDirectory("radrelay-model-hosts",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // ONNX Runtime unpacks its native library into the temporary folder: one of our own, not /tmp itself.
            args.add("-Djava.io.tmpdir=" + folder);
            args.add("-cp");
            args.add(System.getProperty("java.class.path"));
            if (ModelHost.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
                args.add("-Dloader.main=" + ModelHost.class.getName());
                args.add(BOOT_LAUNCHER);
            } else {
                args.add(ModelHost.class.getName());
            }
            argfile = folder.resolve("model-host.args");
            Files.write(argfile, args.stream().map(HostLauncher::quoted).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("model processes cannot be prepared", e);
        }
    }

    DataSize memory() {
        return memory;
    }

    Process start() throws IOException {
        long kilobytes = memory.toBytes() / 1024;
        return new ProcessBuilder("/bin/sh", "-c", "ulimit -d " + kilobytes + " && exec \"$0\" \"$@\"", java,
                "@" + argfile).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** An argument file's quoting: each argument in double quotes, backslashes and quotes escaped. */
    private static String quoted(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            // A model process may still be ending; the folder is in the temporary area and owner-only.
        }
    }
}
