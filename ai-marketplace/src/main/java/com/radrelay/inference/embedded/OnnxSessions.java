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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models the embedded server has loaded, one ONNX Runtime session per version, loaded on first use from the
 * model sources. Sessions get no custom-op libraries and one thread each: a vendor's model is data, and it shares
 * two cores with the archive.
 */
final class OnnxSessions implements AutoCloseable {

    /** A loaded version: Triton's config for the contract, the session for the work. */
    record Loaded(ModelFiles files, TritonModelConfig config, OrtSession session) {
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final List<ModelSource> sources;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    OnnxSessions(List<ModelSource> sources) {
        this.sources = sources;
    }

    /** The version, loading it if needed; empty when no source has it. */
    Optional<Loaded> get(String name, String version) {
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
        loaded.values().forEach(l -> {
            try {
                l.session().close();
            } catch (OrtException e) {
                // Closing at shutdown: nothing is left to use the session.
            }
        });
        loaded.clear();
    }
}
