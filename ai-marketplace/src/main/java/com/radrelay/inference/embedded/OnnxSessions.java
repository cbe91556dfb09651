package com.radrelay.inference.embedded;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.radrelay.inference.TritonModelConfig;
import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.inference.spi.ModelSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models the embedded server has loaded, one ONNX Runtime session per version, loaded on first use from the
 * model sources (or when the repository API asks), until the repository API unloads the model: then it stays
 * unavailable until loaded again, as under Triton's explicit model control. Sessions get no custom-op libraries and
 * one thread each: a vendor's model is data, and it shares two cores with the archive.
 */
final class OnnxSessions implements AutoCloseable {

    /** A loaded version: Triton's config for the contract, the session for the work. */
    record Loaded(ModelFiles files, TritonModelConfig config, OrtSession session) {
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final List<ModelSource> sources;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Set<String> unloaded = ConcurrentHashMap.newKeySet();

    OnnxSessions(List<ModelSource> sources) {
        this.sources = sources;
    }

    /** The version, loading it if needed; empty when no source has it or the model was unloaded. */
    Optional<Loaded> get(String name, String version) {
        if (unloaded.contains(name)) {
            return Optional.empty();
        }
        String key = name + "/" + version;
        Loaded found = loaded.get(key);
        if (found != null) {
            return Optional.of(found);
        }
        Optional<ModelFiles> files = sources.stream().flatMap(s -> s.find(name, version).stream()).findFirst();
        if (files.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            found = loaded.get(key);
            if (found == null) {
                found = load(files.get());
                loaded.put(key, found);
            }
        }
        return Optional.of(found);
    }

    /** The models the sources can serve, by name. */
    List<String> available() {
        return sources.stream().flatMap(s -> s.models().stream()).distinct().sorted().toList();
    }

    /** The versions of the model loaded now. */
    List<String> loadedVersions(String name) {
        return loaded.values().stream().filter(l -> l.files().name().equals(name)).map(l -> l.files().version())
                .distinct().sorted().toList();
    }

    /** Loads the model's newest version again after an unload; false when no source has it. */
    boolean load(String name) {
        unloaded.remove(name);
        return get(name, "").isPresent();
    }

    /** Closes every loaded version of the model; it stays unavailable until loaded again. */
    void unload(String name) {
        unloaded.add(name);
        synchronized (this) {
            loaded.entrySet().removeIf(e -> {
                if (!e.getKey().startsWith(name + "/")) {
                    return false;
                }
                closeQuietly(e.getValue());
                return true;
            });
        }
    }

    private static void closeQuietly(Loaded l) {
        try {
            l.session().close();
        } catch (OrtException e) {
            // Nothing is left to use the session.
        }
    }

    private Loaded load(ModelFiles files) {
        TritonModelConfig config = TritonModelConfig.parse(files.configText());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new Loaded(files, config, env.createSession(files.onnx(), options));
        } catch (OrtException e) {
            throw new IllegalStateException("model " + files.name() + " version " + files.version()
                    + " does not load: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(OnnxSessions::closeQuietly);
        loaded.clear();
    }
}
