package com.radrelay.storage.s3;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks AWS Signature Version 4 on a request to the embedded S3 server (header form, as the AWS SDK sends it):
 * the access key, the signature over the canonical request, and the request time within 15 minutes.
 */
final class SigV4Verifier {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(15);

    private final String accessKey;
    private final byte[] secret;
    // The derived key depends only on the day and region; deriving it costs four HMACs per request.
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();

    SigV4Verifier(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    }

    /** Null when the request is authentic, else why not. */
    @Nullable String check(String method, String rawPath, @Nullable String rawQuery, Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            return "request is not signed";
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches() || !m.group(1).equals(accessKey)) {
            return "unknown access key or malformed Authorization header";
        }
        String amzDate = headers.getFirst("x-amz-date");
        String payloadHash = headers.getFirst("x-amz-content-sha256");
        if (amzDate == null || payloadHash == null) {
            return "x-amz-date and x-amz-content-sha256 are required";
        }
        Instant at = Instant.from(AMZ_DATE.parse(amzDate));
        if (Duration.between(at, Instant.now()).abs().compareTo(SKEW) > 0) {
            return "request time is too far from the server's";
        }
        List<String> signed = Arrays.asList(m.group(4).split(";"));
        String canonicalHeaders = signed.stream()
                .map(h -> h + ":" + String.join(",", headers.getOrDefault(h, List.of("")).stream()
                        .map(v -> v.strip().replaceAll(" +", " ")).toList()) + "\n")
                .collect(Collectors.joining());
        String canonicalRequest = method + "\n" + rawPath + "\n" + canonicalQuery(rawQuery) + "\n" + canonicalHeaders
                + "\n" + m.group(4) + "\n" + payloadHash;
        String scope = m.group(2) + "/" + m.group(3) + "/s3/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] key = signingKeys.get(scope);
        if (key == null) {
            key = hmac(hmac(hmac(hmac(secret, m.group(2)), m.group(3)), "s3"), "aws4_request");
        }
        if (!MessageDigest.isEqual(hmac(key, stringToSign), HexFormat.of().parseHex(m.group(5)))) {
            return "signature does not match";
        }
        // Remembered only once proven, so unauthenticated callers cannot fill the map with made-up scopes.
        signingKeys.putIfAbsent(scope, key);
        return null;
    }

    private static String canonicalQuery(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&")).map(p -> p.contains("=") ? p : p + "=").sorted()
                .collect(Collectors.joining("&"));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b).toLowerCase(Locale.ROOT);
    }
}
