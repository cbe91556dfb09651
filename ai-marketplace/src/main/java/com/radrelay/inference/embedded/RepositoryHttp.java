package com.radrelay.inference.embedded;

import com.radrelay.inference.TritonModelConfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Triton's HTTP extensions that KServe v2 lacks, as Triton serves them, over the embedded server's models: the
 * repository index ({@code POST v2/repository/index}), explicit load and unload
 * ({@code POST v2/repository/models/<m>/load|unload}) and a model's configuration ({@code GET v2/models/<m>/config}).
 * Errors answer 400 with {@code {"error": "..."}}, as Triton does.
 */
final class RepositoryHttp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MODEL_ACTION = Pattern.compile("/v2/repository/models/([^/]+)/(load|unload)");
    private static final Pattern CONFIG = Pattern.compile("/v2/models/([^/]+)/config");

    private final LoadedModels models;
    private final HttpServer server;

    RepositoryHttp(LoadedModels models) {
        this.models = models;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded repository API did not start", e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v2/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher action = MODEL_ACTION.matcher(path);
            Matcher config = CONFIG.matcher(path);
            if (method.equals("POST") && path.equals("/v2/repository/index")) {
                send(exchange, 200, index());
            } else if (method.equals("POST") && action.matches()) {
                String model = action.group(1);
                if (action.group(2).equals("unload")) {
                    models.unload(model);
                    send(exchange, 200, Map.of());
                } else if (models.load(model)) {
                    send(exchange, 200, Map.of());
                } else {
                    send(exchange, 400, Map.of("error", "failed to load '" + model + "', no version is available"));
                }
            } else if (method.equals("GET") && config.matches()) {
                String model = config.group(1);
                var loaded = models.get(model, "");
                if (loaded.isEmpty()) {
                    send(exchange, 400, Map.of("error", "Request for unknown model: '" + model + "' is not found"));
                } else {
                    send(exchange, 200, json(loaded.get().config()));
                }
            } else {
                send(exchange, 404, Map.of("error", "Not Found"));
            }
        } catch (RuntimeException e) {
            send(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** Every model the sources can serve: READY when loaded, UNAVAILABLE (with the reason) when not. */
    private List<Map<String, Object>> index() {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String name : models.available()) {
            List<String> versions = models.loadedVersions(name);
            for (String version : versions) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("version", version);
                entry.put("state", "READY");
                entries.add(entry);
            }
            if (versions.isEmpty()) {
                entries.add(Map.of("name", name, "state", "UNAVAILABLE", "reason", "unloaded"));
            }
        }
        return entries;
    }

    private static Map<String, Object> json(TritonModelConfig c) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", c.name());
        config.put("platform", c.platform());
        config.put("backend", c.backend());
        config.put("max_batch_size", c.maxBatchSize());
        config.put("input", c.inputs().stream().map(RepositoryHttp::tensor).toList());
        config.put("output", c.outputs().stream().map(RepositoryHttp::tensor).toList());
        return config;
    }

    private static Map<String, Object> tensor(TritonModelConfig.TensorConfig t) {
        return Map.of("name", t.name(), "data_type", t.dataType(), "dims",
                java.util.Arrays.stream(t.dims()).boxed().toList());
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
