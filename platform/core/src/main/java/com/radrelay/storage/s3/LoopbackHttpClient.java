package com.radrelay.storage.s3;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's HTTP transport to the embedded S3 server: HTTP/1.1 over pooled loopback connections, bodies sent
 * in large writes. The SDK's bundled clients copy a request body to the socket 4-8 KB at a time; for a 0.5 MB
 * CT slice that is some hundred system calls and as many wake-ups of the server, which cost more CPU than
 * encrypting the slice. The SDK still builds, signs and checks every request; only the bytes move differently.
 */
final class LoopbackHttpClient implements SdkHttpClient {

    private static final int WRITE_CHUNK = 256 * 1024;
    private static final int READ_TIMEOUT_MS = 5 * 60 * 1000;
    // Below the server's idle timeout, so a pooled connection is never one the server has already dropped.
    private static final long MAX_IDLE_NANOS = 60_000_000_000L;

    private final InetSocketAddress address;
    private final String hostHeader;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    LoopbackHttpClient(URI endpoint) {
        this.address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        this.hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            private volatile Connection connection;

            @Override
            public HttpExecuteResponse call() throws IOException {
                Connection c = take();
                connection = c;
                try {
                    return execute(c, request.httpRequest(), request.contentStreamProvider().orElse(null));
                } catch (IOException | RuntimeException e) {
                    c.close();
                    throw e;
                } finally {
                    // From here the response body owns the connection (and may hand it to the next request).
                    connection = null;
                }
            }

            @Override
            public void abort() {
                Connection c = connection;
                if (c != null) {
                    c.close();
                }
            }
        };
    }

    @Override
    public String clientName() {
        return "RadRelayLoopback";
    }

    private Connection take() throws IOException {
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (System.nanoTime() - c.idleSince < MAX_IDLE_NANOS) {
                return c;
            }
            c.close();
        }
        return new Connection(address);
    }

    private HttpExecuteResponse execute(Connection c, SdkHttpRequest request, ContentStreamProvider body)
            throws IOException {
        InputStream content = body == null ? null : body.newStream();
        long length = contentLength(request, content);
        if (content != null && length < 0) {
            // Not sent by the SDK for the operations used here, but framing needs a length: buffer the body.
            byte[] all = content.readAllBytes();
            content = new java.io.ByteArrayInputStream(all);
            length = all.length;
        }
        StringBuilder head = new StringBuilder(512).append(request.method().name()).append(' ')
                .append(request.encodedPath().isEmpty() ? "/" : request.encodedPath());
        request.encodedQueryParameters().ifPresent(q -> head.append('?').append(q));
        head.append(" HTTP/1.1\r\n");
        if (request.firstMatchingHeader("Host").isEmpty()) {
            head.append("Host: ").append(hostHeader).append("\r\n");
        }
        request.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Expect")) {
                values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
            }
        });
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream in = content) {
            c.send(headBytes, in, Math.max(length, 0));
        }
        return c.receive(request.method().name(), this);
    }

    private static long contentLength(SdkHttpRequest request, InputStream content) {
        if (content == null) {
            return switch (request.method()) {
                case PUT, POST, PATCH -> 0;
                default -> -1;
            };
        }
        return request.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
    }

    private void release(Connection c) {
        c.idleSince = System.nanoTime();
        idle.addFirst(c);
    }

    @Override
    public void close() {
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }

    /** One kept-alive connection; used by one request at a time. */
    private static final class Connection {

        private final SocketChannel channel;
        private final InputStream in;
        private final byte[] buffer = new byte[WRITE_CHUNK];
        private long idleSince;

        Connection(InetSocketAddress address) throws IOException {
            channel = SocketChannel.open(address);
            channel.socket().setTcpNoDelay(true);
            channel.socket().setSoTimeout(READ_TIMEOUT_MS);
            in = new BufferedInputStream(channel.socket().getInputStream(), 64 * 1024);
        }

        void send(byte[] head, InputStream body, long length) throws IOException {
            ByteBuffer headBuffer = ByteBuffer.wrap(head);
            long left = length;
            // The head goes out with the first piece of the body, in one gathering write.
            int n = body == null || left == 0 ? 0 : body.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
            writeFully(headBuffer, ByteBuffer.wrap(buffer, 0, n));
            left -= n;
            while (left > 0) {
                n = body.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
                if (n == 0) {
                    throw new EOFException("request body ended " + left + " bytes before its Content-Length");
                }
                writeFully(ByteBuffer.wrap(buffer, 0, n));
                left -= n;
            }
        }

        private void writeFully(ByteBuffer... buffers) throws IOException {
            long remaining = 0;
            for (ByteBuffer b : buffers) {
                remaining += b.remaining();
            }
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
        }

        HttpExecuteResponse receive(String method, LoopbackHttpClient pool) throws IOException {
            LoopbackHttp.Head head = LoopbackHttp.Head.read(in);
            if (head == null) {
                throw new EOFException("the embedded S3 server closed the connection");
            }
            String[] parts = head.startLine().split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("malformed status line from the embedded S3 server: " + head.startLine());
            }
            int code = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = head.headers();
            boolean keepAlive = !headers.getOrDefault("Connection", List.of()).contains("close");
            long length = "HEAD".equals(method) || code == 204 || code == 304 ? 0
                    : Long.parseLong(headers.getOrDefault("Content-Length", List.of("0")).getFirst());
            SdkHttpResponse response = SdkHttpResponse.builder().statusCode(code)
                    .statusText(parts.length > 2 ? parts[2] : null).headers(headers).build();
            ResponseBody body = new ResponseBody(this, length, keepAlive, pool);
            if (length == 0) {
                body.finish();
            }
            return HttpExecuteResponse.builder().response(response)
                    .responseBody(AbortableInputStream.create(body, body::close)).build();
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }

    /** Exactly Content-Length bytes; the connection returns to the pool once they are read, else is closed. */
    private static final class ResponseBody extends InputStream {

        private final Connection connection;
        private final boolean keepAlive;
        private final LoopbackHttpClient pool;
        private long remaining;
        private boolean done;

        ResponseBody(Connection connection, long length, boolean keepAlive, LoopbackHttpClient pool) {
            this.connection = connection;
            this.remaining = length;
            this.keepAlive = keepAlive;
            this.pool = pool;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                finish();
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = connection.in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                done = true;
                connection.close();
                throw new EOFException("the embedded S3 server closed the connection inside a response body");
            }
            remaining -= n;
            if (remaining == 0) {
                finish();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(remaining, connection.in.available());
        }

        void finish() {
            if (!done) {
                done = true;
                if (keepAlive) {
                    pool.release(connection);
                } else {
                    connection.close();
                }
            }
        }

        @Override
        public void close() {
            if (!done) {
                // Left unread (an abandoned range): the rest is not worth reading, so the connection goes.
                done = true;
                connection.close();
            }
        }
    }
}
