package com.radrelay.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The embedded S3 server and its loopback transport at the HTTP level: what the SDK needs, through both our
 * transport and the SDK's Apache client, and what a confused or hostile local client gets.
 */
class EmbeddedS3ServerTests {

    @TempDir static Path dir;
    static EmbeddedS3Server server;
    static SdkHttpClient apache;

    @BeforeAll
    static void start() throws IOException {
        server = new EmbeddedS3Server(dir, "access", "secret", true);
        apache = ApacheHttpClient.builder().build();
        client(server.httpClient(), "secret").createBucket(b -> b.bucket("scans"));
    }

    @AfterAll
    static void stop() throws IOException {
        apache.close();
        server.close();
    }

    static S3Client client(SdkHttpClient http, String secret) {
        return StorageConfiguration.forEmbedded(S3Client.builder()).endpointOverride(server.endpoint())
                .forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", secret)))
                .httpClient(http).build();
    }

    @Test
    void putGetRangeHeadAndDeleteThroughTheLoopbackTransport() throws IOException {
        S3Client s3 = client(server.httpClient(), "secret");
        byte[] slice = random(600_000);
        s3.putObject(b -> b.bucket("scans").key("tenants/a/slice 1.dcm"), RequestBody.fromBytes(slice));

        assertThat(s3.getObjectAsBytes(b -> b.bucket("scans").key("tenants/a/slice 1.dcm")).asByteArray())
                .isEqualTo(slice);
        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket("scans")
                .key("tenants/a/slice 1.dcm").range("bytes=1000-1999"));
        assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(slice, 1000, 2000));
        assertThat(range.response().contentRange()).isEqualTo("bytes 1000-1999/600000");
        assertThat(s3.headObject(b -> b.bucket("scans").key("tenants/a/slice 1.dcm")).contentLength())
                .isEqualTo(600_000);

        s3.deleteObject(b -> b.bucket("scans").key("tenants/a/slice 1.dcm"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("scans").key("tenants/a/slice 1.dcm")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aResponseBodyLeftUnreadDoesNotConfuseTheNextRequest() throws IOException {
        S3Client s3 = client(server.httpClient(), "secret");
        byte[] first = random(300_000);
        byte[] second = random(300_001);
        s3.putObject(b -> b.bucket("scans").key("first"), RequestBody.fromBytes(first));
        s3.putObject(b -> b.bucket("scans").key("second"), RequestBody.fromBytes(second));
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("scans").key("first"))) {
            assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOf(first, 10));
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket("scans").key("second")).asByteArray()).isEqualTo(second);
    }

    @Test
    void theSdksOwnHttpClientSpeaksToTheSameServer() {
        S3Client s3 = client(apache, "secret");
        byte[] slice = random(70_000);
        s3.putObject(b -> b.bucket("scans").key("via-apache"), RequestBody.fromBytes(slice));
        assertThat(client(server.httpClient(), "secret")
                .getObjectAsBytes(b -> b.bucket("scans").key("via-apache")).asByteArray()).isEqualTo(slice);
    }

    @Test
    void aWrongSecretIsRefusedAndTheConnectionStaysUsable() {
        byte[] slice = random(100_000);
        for (SdkHttpClient http : new SdkHttpClient[] {server.httpClient(), apache}) {
            assertThatThrownBy(() -> client(http, "guessed").putObject(b -> b.bucket("scans").key("forged"),
                    RequestBody.fromBytes(slice)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> client(http, "secret").headObject(b -> b.bucket("scans").key("forged")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
        assertThat(dir.resolve("scans/forged")).doesNotExist();
    }

    @Test
    void bodiesGoUnsignedWhileAnyChangeToTheSignedRequestIsRefused() {
        List<SdkHttpRequest> sent = new ArrayList<>();
        byte[] slice = random(80_000);
        client(changing(server.httpClient(), r -> {
            sent.add(r.httpRequest());
            return r;
        }), "secret").putObject(b -> b.bucket("scans").key("unsigned"), RequestBody.fromBytes(slice));
        assertThat(sent.getLast().firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");

        S3Client redirected = client(changing(server.httpClient(), r -> HttpExecuteRequest.builder()
                .request(r.httpRequest().toBuilder().encodedPath("/scans/elsewhere").build())
                .contentStreamProvider(r.contentStreamProvider().orElse(null)).build()), "secret");
        assertThatThrownBy(() -> redirected.putObject(b -> b.bucket("scans").key("unsigned"),
                RequestBody.fromBytes(slice)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(dir.resolve("scans/elsewhere")).doesNotExist();
    }

    @Test
    void aSignedPayloadThatWasAlteredIsRefused() {
        byte[] slice = random(90_000);
        byte[] altered = slice.clone();
        altered[45_000] ^= 1;
        // A client with the SDK's own SigV4 signer hashes the body into the signature, as any S3 tool over HTTP.
        S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .authSchemeProvider(p -> S3AuthSchemeProvider.defaultProvider().resolveAuthScheme(p).stream()
                        .map(o -> o.toBuilder().putSignerProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
                                .build()).toList())
                .httpClient(changing(server.httpClient(), r -> HttpExecuteRequest.builder()
                        .request(r.httpRequest()).contentStreamProvider(() -> new ByteArrayInputStream(altered))
                        .build())).build();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("scans").key("altered"), RequestBody.fromBytes(slice)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(dir.resolve("scans/altered")).doesNotExist();
    }

    @Test
    void keysCannotClimbOutOfTheBucket() throws IOException {
        Files.writeString(dir.resolve("outside"), "not an object");
        assertThatThrownBy(() -> client(server.httpClient(), "secret")
                .getObjectAsBytes(b -> b.bucket("scans").key("../outside")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isIn(400, 404));
    }

    @Test
    void malformedOrChunkedRequestsGetA400AndTheConnectionIsClosed() throws IOException {
        assertThat(raw("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("Connection: close");
        assertThat(raw("PUT /scans/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /scans/x HTTP/1.1\r\nContent-Length: many\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /scans/x HTTP/1.1\r\nX-Filler: " + "a".repeat(70_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
    }

    @Test
    void anUnsignedRequestIsForbidden() throws IOException {
        assertThat(raw("GET /scans/first HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 403 ").contains("request is not signed");
    }

    /** A transport that lets a test see, or tamper with, each request after the SDK signed it. */
    private static SdkHttpClient changing(SdkHttpClient http, UnaryOperator<HttpExecuteRequest> change) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                return http.prepareRequest(change.apply(request));
            }

            @Override
            public void close() {
            }
        };
    }

    /** Sends bytes on a fresh connection and returns all the server answers until it closes the connection. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedWhileSending) {
                // The server may close before reading everything (a too-long head); what it said still counts.
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketException reset) {
                return "";
            }
        }
    }

    private static byte[] random(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }
}
