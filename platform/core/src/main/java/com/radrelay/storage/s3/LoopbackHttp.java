package com.radrelay.storage.s3;

import com.sun.net.httpserver.Headers;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal HTTP/1.1 server for the embedded S3 endpoint: loopback only, one platform thread per connection,
 * bodies framed by Content-Length. The AWS SDK keeps a small pool of connections open, so each request is read
 * and answered by the thread already blocked on its socket, with no hand-off from a selector thread to a worker
 * as in the JDK's {@code HttpServer}; file bodies go out with {@code sendfile}.
 */
final class LoopbackHttp implements AutoCloseable {

    /** Answers one request; the server drains what the handler left of the body. */
    interface Handler {
        void handle(Exchange exchange) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(LoopbackHttp.class);
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    // Longer than the SDK's pooled-connection idle time (60 s), so the client, not the server, ends idle connections.
    private static final int IDLE_TIMEOUT_MS = 5 * 60 * 1000;

    private final ServerSocketChannel listener;
    private final URI endpoint;
    private final Handler handler;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LoopbackHttp(String name, Handler handler) throws IOException {
        this.handler = handler;
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        endpoint = URI.create("http://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort());
        Thread.ofPlatform().daemon().name(name + "-accept").start(this::accept);
    }

    URI endpoint() {
        return endpoint;
    }

    private void accept() {
        int n = 0;
        while (!closed) {
            try {
                SocketChannel channel = listener.accept();
                channel.socket().setTcpNoDelay(true);
                channel.socket().setSoTimeout(IDLE_TIMEOUT_MS);
                connections.add(channel);
                Thread.ofPlatform().daemon().name(Thread.currentThread().getName().replace("-accept", "-" + ++n))
                        .start(() -> serve(channel));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warn("Embedded S3 server could not accept a connection: {}", e.getMessage());
            }
        }
    }

    private void serve(SocketChannel channel) {
        // Not try-with-resources: the channel must still be open when a refused request is answered.
        try {
            // The socket adaptor's stream, not the channel's: only it honours the idle timeout.
            InputStream in = new BufferedInputStream(channel.socket().getInputStream(), 64 * 1024);
            Exchange ex;
            while ((ex = Exchange.read(in, channel)) != null) {
                try {
                    handler.handle(ex);
                } catch (IOException | RuntimeException e) {
                    if (ex.responded) {
                        throw e;
                    }
                    log.warn("Embedded S3 request failed", e);
                    ex.sendError(500, "InternalError", e.getMessage());
                }
                if (!ex.responded) {
                    throw new IllegalStateException("handler sent no response to " + ex.method + " " + ex.rawPath);
                }
                ex.body.skipNBytes(ex.body.remaining);
                if (ex.closeAfter) {
                    return;
                }
            }
        } catch (BadRequest e) {
            log.debug("Embedded S3 server refused a request: {}", e.getMessage());
            refuse(channel, e.status);
        } catch (SocketException | EOFException | java.net.SocketTimeoutException e) {
            // The client went away or stayed idle too long.
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.warn("Embedded S3 connection failed", e);
            }
        } finally {
            connections.remove(channel);
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }

    /** Answers a request that cannot be framed, then closes without resetting what the client still sends. */
    private static void refuse(SocketChannel channel, int status) {
        try {
            Exchange.write(channel, ("HTTP/1.1 " + status + " " + Exchange.reason(status)
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            channel.shutdownOutput();
            // Closing with unread input would send a reset, which can destroy the answer before it is read.
            channel.socket().setSoTimeout(1000);
            channel.socket().getInputStream().skipNBytes(Long.MAX_VALUE);
        } catch (IOException e) {
            // The client is gone or keeps sending; the connection closes either way.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (SocketChannel c : connections) {
            c.close();
        }
    }

    /** A request that cannot be framed: answered with {@code status}, then the connection is closed. */
    private static final class BadRequest extends IOException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** One request and its response. */
    static final class Exchange {

        final String method;
        final String rawPath;
        final String rawQuery;
        final Headers requestHeaders;
        final Headers responseHeaders = new Headers();
        private final Body body;
        private final SocketChannel channel;
        private final boolean closeAfter;
        private boolean responded;

        private Exchange(String method, String target, Headers headers, long length, SocketChannel channel,
                InputStream in) {
            int q = target.indexOf('?');
            this.method = method;
            this.rawPath = q < 0 ? target : target.substring(0, q);
            this.rawQuery = q < 0 ? null : target.substring(q + 1);
            this.requestHeaders = headers;
            this.body = new Body(in, length);
            this.channel = channel;
            this.closeAfter = "close".equalsIgnoreCase(headers.getFirst("Connection"));
        }

        /** The next request on the connection, or null when the client closed it between requests. */
        static Exchange read(InputStream in, SocketChannel channel) throws IOException {
            Head head = Head.read(in);
            if (head == null) {
                return null;
            }
            String[] parts = head.startLine().split(" ");
            if (parts.length != 3 || !parts[1].startsWith("/") || !parts[2].startsWith("HTTP/1.")) {
                throw new BadRequest(400, "malformed request line");
            }
            Headers headers = head.headers();
            if (headers.containsKey("Transfer-Encoding")) {
                // The SDK sends Content-Length for every object; chunked framing is not needed here.
                throw new BadRequest(400, "Transfer-Encoding is not supported; send Content-Length");
            }
            long length;
            try {
                String cl = headers.getFirst("Content-Length");
                length = cl == null ? 0 : Long.parseLong(cl);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "malformed Content-Length");
            }
            if (length < 0) {
                throw new BadRequest(400, "negative Content-Length");
            }
            if ("100-continue".equalsIgnoreCase(headers.getFirst("Expect"))) {
                write(channel, "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            return new Exchange(parts[0], parts[1], headers, length, channel, in);
        }

        InputStream body() {
            return body;
        }

        /** Sends status and headers; {@code length} bytes of body must follow unless it is -1 (none). */
        void sendHeaders(int status, long length) throws IOException {
            if (responded) {
                throw new IllegalStateException("response already sent");
            }
            responded = true;
            StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                    .append(reason(status)).append("\r\n");
            if (length >= 0) {
                responseHeaders.set("Content-Length", Long.toString(length));
            } else if (!"HEAD".equals(method)) {
                responseHeaders.set("Content-Length", "0");
            }
            if (closeAfter) {
                responseHeaders.set("Connection", "close");
            }
            for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
                for (String v : h.getValue()) {
                    head.append(h.getKey()).append(": ").append(v).append("\r\n");
                }
            }
            write(channel, head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        void sendBody(byte[] bytes) throws IOException {
            write(channel, bytes);
        }

        /** Sends {@code length} bytes of a file from {@code from}, without copying them through the heap. */
        void sendFile(FileChannel file, long from, long length) throws IOException {
            long sent = 0;
            while (sent < length) {
                long n = file.transferTo(from + sent, length - sent, channel);
                if (n <= 0 && from + sent >= file.size()) {
                    throw new EOFException("file ended before the announced length");
                }
                sent += n;
            }
        }

        void sendError(int status, String code, String message) throws IOException {
            byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                    + escape(message) + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
            if ("HEAD".equals(method)) {
                sendHeaders(status, -1);
                return;
            }
            responseHeaders.set("Content-Type", "application/xml");
            sendHeaders(status, xml.length);
            sendBody(xml);
        }

        private static String escape(String s) {
            return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        static void write(SocketChannel channel, byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 204 -> "No Content";
                case 206 -> "Partial Content";
                case 400 -> "Bad Request";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 416 -> "Range Not Satisfiable";
                case 431 -> "Request Header Fields Too Large";
                case 501 -> "Not Implemented";
                default -> status >= 500 ? "Server Error" : "Status";
            };
        }
    }

    /** A request or status line with its header fields, as both ends of the loopback connection read them. */
    record Head(String startLine, Headers headers) {

        /** The next head on the connection, or null when the peer closed it cleanly before one began. */
        static Head read(InputStream in) throws IOException {
            int[] budget = {MAX_HEADER_BYTES};
            String startLine = line(in, budget);
            if (startLine == null) {
                return null;
            }
            Headers headers = new Headers();
            for (String h = line(in, budget); !h.isEmpty(); h = line(in, budget)) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new BadRequest(400, "malformed header line");
                }
                headers.add(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
            return new Head(startLine, headers);
        }

        private static String line(InputStream in, int[] budget) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    if (sb.isEmpty() && budget[0] == MAX_HEADER_BYTES) {
                        return null;
                    }
                    throw new EOFException("connection closed inside a message head");
                }
                if (--budget[0] < 0) {
                    throw new BadRequest(431, "message head longer than " + MAX_HEADER_BYTES + " bytes");
                }
                sb.append((char) b);
            }
            budget[0]--;
            int end = sb.length();
            return sb.substring(0, end > 0 && sb.charAt(end - 1) == '\r' ? end - 1 : end);
        }
    }

    /** A request body: exactly Content-Length bytes of the connection; closing it leaves the connection open. */
    private static final class Body extends InputStream {

        private final InputStream in;
        private long remaining;

        Body(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the request body");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("connection closed inside the request body");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public void close() {
            // The connection carries the next request; the server skips whatever is left of this body.
        }
    }
}
