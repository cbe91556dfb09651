package com.radrelay.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for AWS KMS at the protocol level (AWS JSON 1.1: TrentService.Encrypt and TrentService.Decrypt), so the
 * AWS SDK's own client is tested against the published wire format; AWS KMS itself cannot be reached here. It keeps
 * one secret key per KMS key id and binds each ciphertext to its key id and encryption context, as KMS does: a
 * changed context or another key id fails with InvalidCiphertextException / IncorrectKeyException.
 */
public final class KmsStandIn implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, byte[]> keys = new java.util.concurrent.ConcurrentHashMap<>();

    public KmsStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Map<String, Object> answer;
            try {
                answer = switch (target) {
                    case "TrentService.Encrypt" -> encrypt(request);
                    case "TrentService.Decrypt" -> decrypt(request);
                    default -> throw new Refusal("UnsupportedOperationException", target + " is not served here");
                };
            } catch (Refusal r) {
                send(exchange, 400, Map.of("__type", r.type, "message", r.getMessage()));
                return;
            }
            send(exchange, 200, answer);
        }
    }

    private Map<String, Object> encrypt(JsonNode request) {
        String keyId = request.path("KeyId").asString();
        byte[] plaintext = Base64.getDecoder().decode(request.path("Plaintext").asString());
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, keyId, nonce, context(request), plaintext);
        byte[] blob = ByteBuffer.allocate(2 + id.length + 12 + sealed.length).putShort((short) id.length).put(id)
                .put(nonce).put(sealed).array();
        return Map.of("CiphertextBlob", Base64.getEncoder().encodeToString(blob), "KeyId", keyId,
                "EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    }

    private Map<String, Object> decrypt(JsonNode request) throws Refusal {
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(request.path("CiphertextBlob").asString()));
        byte[] id = new byte[blob.getShort()];
        blob.get(id);
        String keyId = new String(id, StandardCharsets.UTF_8);
        if (request.has("KeyId") && !request.path("KeyId").asString().equals(keyId)) {
            throw new Refusal("IncorrectKeyException", "the ciphertext was not encrypted under the key named");
        }
        byte[] nonce = new byte[12];
        blob.get(nonce);
        byte[] sealed = Arrays.copyOfRange(blob.array(), blob.position(), blob.limit());
        try {
            byte[] plaintext = cipher(Cipher.DECRYPT_MODE, keyId, nonce, context(request), sealed);
            return Map.of("Plaintext", Base64.getEncoder().encodeToString(plaintext), "KeyId", keyId,
                    "EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        } catch (IllegalStateException e) {
            throw new Refusal("InvalidCiphertextException", "the ciphertext or its encryption context is not valid");
        }
    }

    /** The encryption context in a canonical order: the additional data the ciphertext is bound to. */
    private static byte[] context(JsonNode request) {
        Map<String, String> sorted = new TreeMap<>();
        request.path("EncryptionContext").properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString()));
        return sorted.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] cipher(int mode, String keyId, byte[] nonce, byte[] context, byte[] input) {
        byte[] key = keys.computeIfAbsent(keyId, k -> {
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            return raw;
        });
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            c.updateAAD(context);
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        if (status != 200) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", String.valueOf(body.get("__type")));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class Refusal extends Exception {
        private final String type;

        Refusal(String type, String message) {
            super(message);
            this.type = type;
        }
    }
}
