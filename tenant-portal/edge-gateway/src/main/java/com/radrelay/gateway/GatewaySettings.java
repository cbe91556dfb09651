package com.radrelay.gateway;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The gateway's configuration, read from a properties file the clinic manager downloads from RadRelay: where to
 * forward (the clinic's DICOMweb address and API token), where to listen, where to queue.
 */
record GatewaySettings(URI platform, String token, String aeTitle, String bindAddress, int port, Path queue,
        int batchInstances, long batchBytes, Duration retryFirst, Duration retryMax, boolean gzip) {

    static GatewaySettings load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Path base = file.toAbsolutePath().getParent();
        String url = required(p, "radrelay.url");
        return new GatewaySettings(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                required(p, "radrelay.token"), p.getProperty("dicom.ae-title", "RADRELAY-GW").strip(),
                p.getProperty("dicom.bind", "0.0.0.0").strip(),
                Integer.parseInt(p.getProperty("dicom.port", "11112").strip()),
                base.resolve(p.getProperty("queue.folder", "queue").strip()),
                Integer.parseInt(p.getProperty("batch.instances", "20").strip()),
                Long.parseLong(p.getProperty("batch.megabytes", "32").strip()) * 1024 * 1024,
                Duration.parse(p.getProperty("retry.first", "PT1S").strip()),
                Duration.parse(p.getProperty("retry.max", "PT5M").strip()),
                Boolean.parseBoolean(p.getProperty("transfer.gzip", "true").strip()));
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the configuration has no " + key);
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "GatewaySettings[platform=" + platform + ", aeTitle=" + aeTitle + ", port=" + port + ", queue=" + queue
                + "]";
    }
}
