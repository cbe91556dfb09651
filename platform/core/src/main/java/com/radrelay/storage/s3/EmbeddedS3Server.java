package com.radrelay.storage.s3;

import com.radrelay.storage.s3.LoopbackHttp.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The embedded default's object storage: a small S3-compatible HTTP server on loopback, keeping each object
 * as a file. It speaks the part of the S3 REST API the application uses (bucket create/head; object put, get
 * with ranges, head, delete), authenticates every request with AWS Signature V4 and, with {@code fsync},
 * forces each object to disk before acknowledging it, so an acknowledged object survives a crash.
 * The application reaches it through the same AWS SDK client it uses for AWS S3, with {@link LoopbackHttpClient}
 * as the SDK's transport.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private final Path root;
    private final boolean fsync;
    private final SigV4Verifier auth;
    private final LoopbackHttp server;
    private final LoopbackHttpClient client;

    EmbeddedS3Server(Path root, String accessKey, String secretKey, boolean fsync) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath();
        this.fsync = fsync;
        this.auth = new SigV4Verifier(accessKey, secretKey);
        server = new LoopbackHttp("embedded-s3", this::handle);
        client = new LoopbackHttpClient(server.endpoint());
        log.info("Embedded S3 server on {}, objects in {}", server.endpoint(), this.root);
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** The SDK transport to use with this server (any HTTP client works; this one is cheaper per object). */
    SdkHttpClient httpClient() {
        return client;
    }

    private void handle(Exchange ex) throws IOException {
        String denied = auth.check(ex.method, ex.rawPath, ex.rawQuery, ex.requestHeaders);
        if (denied != null) {
            ex.sendError(403, "SignatureDoesNotMatch", denied);
            return;
        }
        String[] parts = ex.rawPath.substring(1).split("/", 2);
        Path bucket;
        Path object = null;
        try {
            bucket = safe(root, decode(parts[0]));
            if (parts.length == 2 && !parts[1].isEmpty()) {
                object = safe(bucket, decode(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            ex.sendError(400, "InvalidArgument", e.getMessage());
            return;
        }
        if (object == null) {
            bucket(ex, bucket);
        } else {
            object(ex, bucket, object);
        }
    }

    private void bucket(Exchange ex, Path bucket) throws IOException {
        switch (ex.method) {
            case "PUT" -> {
                Files.createDirectories(bucket);
                ex.sendHeaders(200, -1);
            }
            case "HEAD" -> ex.sendHeaders(Files.isDirectory(bucket) ? 200 : 404, -1);
            default -> ex.sendError(501, "NotImplemented", "only bucket create and head are supported");
        }
    }

    private void object(Exchange ex, Path bucket, Path file) throws IOException {
        if (!Files.isDirectory(bucket)) {
            ex.sendError(404, "NoSuchBucket", "no such bucket");
            return;
        }
        switch (ex.method) {
            case "PUT" -> put(ex, file);
            case "GET" -> get(ex, file, true);
            case "HEAD" -> get(ex, file, false);
            case "DELETE" -> {
                Files.deleteIfExists(file);
                ex.sendHeaders(204, -1);
            }
            default -> ex.sendError(501, "NotImplemented", ex.method + " is not supported");
        }
    }

    private void put(Exchange ex, Path file) throws IOException {
        String payloadHash = ex.requestHeaders.getFirst("x-amz-content-sha256");
        String encoding = ex.requestHeaders.getFirst("Content-Encoding");
        if (encoding != null && encoding.contains("aws-chunked")) {
            ex.sendError(501, "NotImplemented", "aws-chunked uploads are not supported by the embedded server");
            return;
        }
        createFolders(file.getParent());
        Path tmp = file.resolveSibling(".upload-" + UUID.randomUUID());
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            MessageDigest sha = UNSIGNED.equals(payloadHash) ? null : MessageDigest.getInstance("SHA-256");
            try (InputStream in = ex.body()) {
                // Large reads and writes: a CT slice is half a megabyte, and a system call costs more than its copy.
                byte[] buffer = new byte[256 * 1024];
                int n;
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    if (sha != null) {
                        sha.update(buffer, 0, n);
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                }
            }
            if (sha != null && !HexFormat.of().formatHex(sha.digest()).equals(payloadHash)) {
                ex.sendError(400, "XAmzContentSHA256Mismatch", "the body does not match x-amz-content-sha256");
                return;
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (fsync) {
                // Renamed first, so one journal commit makes the data and the name durable (ext4, xfs); the
                // directory's own fsync is what POSIX asks for the name, and costs nothing once that commit ran.
                channel.force(false);
                forceFolder(file.getParent());
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        ex.responseHeaders.set("ETag", "\"" + UUID.randomUUID().toString().replace("-", "") + "\"");
        ex.sendHeaders(200, -1);
    }

    /**
     * Creates the missing folders above an object; with fsync, each new folder's name is made durable in its
     * parent, as POSIX asks, also when a concurrent upload created it first. An upload that finds the folder
     * already there does not wait for its creator's fsync; ext4 and xfs commit the folder with its own object.
     */
    private void createFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        createFolders(folder.getParent());
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
        if (fsync) {
            forceFolder(folder.getParent());
        }
    }

    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void get(Exchange ex, Path file, boolean body) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            ex.sendError(404, "NoSuchKey", "no such key");
            return;
        }
        long from = 0;
        long to = size - 1;
        String range = ex.requestHeaders.getFirst("Range");
        int status = 200;
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) >= size) {
                ex.responseHeaders.set("Content-Range", "bytes */" + size);
                ex.sendError(416, "InvalidRange", "the requested range is not satisfiable");
                return;
            }
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            status = 206;
            ex.responseHeaders.set("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        long length = to - from + 1;
        ex.responseHeaders.set("Content-Type", "application/octet-stream");
        ex.responseHeaders.set("Accept-Ranges", "bytes");
        if (!body) {
            ex.responseHeaders.set("Content-Length", Long.toString(length));
            ex.sendHeaders(status, -1);
            return;
        }
        ex.sendHeaders(status, length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ex.sendFile(channel, from, length);
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Resolves a bucket or key below its parent, refusing anything that would climb out of it. */
    private static Path safe(Path parent, String name) {
        Path p = parent.resolve(name).normalize();
        if (!p.startsWith(parent) || p.equals(parent) || name.contains("\0")) {
            throw new IllegalArgumentException("invalid name: " + name);
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
    }
}
