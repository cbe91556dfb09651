package com.radrelay.inference;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Triton's model repository extension, which the KServe v2 protocol lacks: which models the server holds and in what
 * state, loading and unloading one (Triton's explicit model control), and the configuration a model runs with. It
 * is JSON over Triton's HTTP endpoint ({@code radrelay.inference.repository}); the embedded server answers the same.
 */
public class TritonRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final @Nullable URI base;
    private final Duration deadline;
    private final HttpClient http;

    public TritonRepository(@Nullable URI base, Duration deadline) {
        this.base = base;
        this.deadline = deadline;
        this.http = HttpClient.newBuilder().connectTimeout(deadline).build();
    }

    /** One model (and version, when loaded) as the server lists it. */
    public record Entry(String name, @Nullable String version, String state, @Nullable String reason) {
    }

    /** A model's configuration as the server runs it. */
    public record Config(String name, int maxBatchSize, List<String> inputs, List<String> outputs) {
    }

    /** False when Triton runs without its HTTP address configured: then nothing here can be asked. */
    public boolean available() {
        return base != null;
    }

    public List<Entry> index() {
        JsonNode list = call("POST", "v2/repository/index", "{}");
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : list) {
            entries.add(new Entry(e.path("name").asString(), text(e, "version"), e.path("state").asString(),
                    text(e, "reason")));
        }
        return entries;
    }

    public void load(String model) {
        call("POST", "v2/repository/models/" + encode(model) + "/load", "{}");
    }

    public void unload(String model) {
        call("POST", "v2/repository/models/" + encode(model) + "/unload", "{}");
    }

    public Config config(String model) {
        JsonNode c = call("GET", "v2/models/" + encode(model) + "/config", null);
        return new Config(c.path("name").asString(), c.path("max_batch_size").asInt(), names(c.path("input")),
                names(c.path("output")));
    }

    private JsonNode call(String method, String path, @Nullable String body) {
        if (base == null) {
            throw new InferenceFailure(InferenceFailure.Kind.UNAVAILABLE, "Triton's HTTP address is not configured "
                    + "(radrelay.inference.repository): its repository cannot be asked");
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/" + path)).timeout(deadline)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InferenceFailure(InferenceFailure.Kind.UNAVAILABLE, "Triton's repository API did not answer: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceFailure(InferenceFailure.Kind.UNAVAILABLE, "interrupted");
        }
        JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new InferenceFailure(InferenceFailure.Kind.REFUSED, path + ": " + (answer.has("error")
                    ? answer.path("error").asString() : "HTTP " + response.statusCode()));
        }
        return answer;
    }

    private static List<String> names(JsonNode tensors) {
        List<String> names = new ArrayList<>();
        tensors.forEach(t -> names.add(t.path("name").asString()));
        return names;
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asString() : null;
    }

    private static String encode(String model) {
        return URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
