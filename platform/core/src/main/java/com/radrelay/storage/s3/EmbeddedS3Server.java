package com.radrelay.storage.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's object storage: a small S3-compatible HTTP server on loopback, keeping each object
 * as a file. It speaks the part of the S3 REST API the application uses (bucket create/head; object put, get
 * with ranges, head, delete), authenticates every request with AWS Signature V4 and, with {@code fsync},
 * forces each object to disk before acknowledging it, so an acknowledged object survives a crash.
 * The application reaches it through the same AWS SDK client it uses for AWS S3.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, each object
        // read waited for the client's delayed ACK (WADO-RS of a 500-slice series: 9.5 s, with TCP_NODELAY 2.4 s).
        // Read once, when the JDK's server configuration loads: set it before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Path root;
    private final boolean fsync;
    private final SigV4Verifier auth;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    EmbeddedS3Server(Path root, String accessKey, String secretKey, boolean fsync) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath();
        this.fsync = fsync;
        this.auth = new SigV4Verifier(accessKey, secretKey);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        log.info("Embedded S3 server on 127.0.0.1:{}, objects in {}", server.getAddress().getPort(), this.root);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String denied = auth.check(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders());
            if (denied != null) {
                error(ex, 403, "SignatureDoesNotMatch", denied);
                return;
            }
            String[] parts = path.substring(1).split("/", 2);
            Path bucket = safe(root, decode(parts[0]));
            if (parts.length == 1 || parts[1].isEmpty()) {
                bucket(ex, bucket);
            } else {
                object(ex, bucket, safe(bucket, decode(parts[1])));
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Embedded S3 request failed", e);
            error(ex, 500, "InternalError", e.getMessage());
        }
    }

    private void bucket(HttpExchange ex, Path bucket) throws IOException {
        switch (ex.getRequestMethod()) {
            case "PUT" -> {
                Files.createDirectories(bucket);
                empty(ex, 200);
            }
            case "HEAD" -> empty(ex, Files.isDirectory(bucket) ? 200 : 404);
            default -> error(ex, 501, "NotImplemented", "only bucket create and head are supported");
        }
    }

    private void object(HttpExchange ex, Path bucket, Path file) throws IOException {
        if (!Files.isDirectory(bucket)) {
            error(ex, 404, "NoSuchBucket", "no such bucket");
            return;
        }
        switch (ex.getRequestMethod()) {
            case "PUT" -> put(ex, file);
            case "GET" -> get(ex, file, true);
            case "HEAD" -> get(ex, file, false);
            case "DELETE" -> {
                Files.deleteIfExists(file);
                empty(ex, 204);
            }
            default -> error(ex, 501, "NotImplemented", ex.getRequestMethod() + " is not supported");
        }
    }

    private void put(HttpExchange ex, Path file) throws IOException {
        String payloadHash = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.contains("aws-chunked")) {
            error(ex, 501, "NotImplemented", "aws-chunked uploads are not supported by the embedded server");
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(".upload-" + UUID.randomUUID());
        try {
            MessageDigest sha = UNSIGNED.equals(payloadHash) ? null : MessageDigest.getInstance("SHA-256");
            try (InputStream in = ex.getRequestBody();
                 FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = sha == null ? Channels.newOutputStream(channel)
                         : new DigestOutputStream(Channels.newOutputStream(channel), sha)) {
                in.transferTo(out);
                out.flush();
                if (fsync) {
                    channel.force(false);
                }
            }
            if (sha != null && !HexFormat.of().formatHex(sha.digest()).equals(payloadHash)) {
                Files.deleteIfExists(tmp);
                error(ex, 400, "XAmzContentSHA256Mismatch", "the body does not match x-amz-content-sha256");
                return;
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        ex.getResponseHeaders().set("ETag", "\"" + UUID.randomUUID().toString().replace("-", "") + "\"");
        empty(ex, 200);
    }

    private void get(HttpExchange ex, Path file, boolean body) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            error(ex, 404, "NoSuchKey", "no such key");
            return;
        }
        long from = 0;
        long to = size - 1;
        String range = ex.getRequestHeaders().getFirst("Range");
        int status = 200;
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) >= size) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                error(ex, 416, "InvalidRange", "the requested range is not satisfiable");
                return;
            }
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            status = 206;
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        long length = to - from + 1;
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (!body) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             WritableByteChannel out = Channels.newChannel(ex.getResponseBody())) {
            long sent = 0;
            while (sent < length) {
                sent += channel.transferTo(from + sent, length - sent, out);
            }
        }
    }

    private static void empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        try {
            // Read what the client is still sending, or closing the exchange would reset its connection.
            ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        } catch (IOException alreadyRead) {
            // The body was consumed (and closed) before the error was found.
        }
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, xml.length);
        ex.getResponseBody().write(xml);
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
