package com.radrelay.inference.embedded;

import com.radrelay.inference.TritonModelConfig;
import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.inference.spi.ModelSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.util.unit.DataSize;

/**
 * The models the embedded server has loaded, each version in a process of its own ({@link ModelProcess}), loaded on
 * first use from the model sources (or when the repository API asks), until the repository API unloads the model:
 * then it stays unavailable until loaded again, as under Triton's explicit model control. A process that ended (a
 * model out of memory or out of time) is started again at the next call.
 */
final class LoadedModels implements AutoCloseable {

    /** A loaded version: Triton's config for the contract, its process for the work. */
    record Loaded(ModelFiles files, TritonModelConfig config, ModelProcess process) {
    }

    private final List<ModelSource> sources;
    private final HostLauncher launcher;
    private final ScheduledExecutorService watchdog = ModelProcess.watchdog("model-process-limit");
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Set<String> unloaded = ConcurrentHashMap.newKeySet();
    private final Duration runTimeLimit;

    LoadedModels(List<ModelSource> sources, DataSize memoryPerModel, Duration runTimeLimit) {
        this.sources = sources;
        this.runTimeLimit = runTimeLimit;
        this.launcher = new HostLauncher(memoryPerModel);
    }

    /**
     * The version, loading it if needed; empty when no source has it or the model was unloaded.
     *
     * @throws IllegalStateException when it does not load
     */
    Optional<Loaded> get(String name, String version) {
        if (unloaded.contains(name)) {
            return Optional.empty();
        }
        String key = name + "/" + version;
        Loaded found = loaded.get(key);
        if (found != null && found.process().alive()) {
            return Optional.of(found);
        }
        Optional<ModelFiles> files = sources.stream().flatMap(s -> s.find(name, version).stream()).findFirst();
        if (files.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            found = loaded.get(key);
            if (found == null || !found.process().alive()) {
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

    /** Stops every loaded version of the model; it stays unavailable until loaded again. */
    void unload(String name) {
        unloaded.add(name);
        synchronized (this) {
            loaded.entrySet().removeIf(e -> {
                if (!e.getKey().startsWith(name + "/")) {
                    return false;
                }
                e.getValue().process().close();
                return true;
            });
        }
    }

    /** Starts the version's process and runs its largest batch once, so a model that cannot is never offered. */
    private Loaded load(ModelFiles files) {
        TritonModelConfig config = TritonModelConfig.parse(files.configText());
        try {
            ModelProcess process = ModelProcess.start(launcher, watchdog, files.onnx());
            try {
                TritonModelConfig.TensorConfig input = config.inputs().getFirst();
                process.probe(input.name(), config.requestShape(input, config.maxBatchSize()), runTimeLimit);
            } catch (ModelProcess.Failure | RuntimeException e) {
                process.close();
                throw e;
            }
            return new Loaded(files, config, process);
        } catch (ModelProcess.Failure e) {
            throw new IllegalStateException("model " + files.name() + " version " + files.version()
                    + " does not load: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(l -> l.process().close());
        loaded.clear();
        watchdog.shutdownNow();
        launcher.close();
    }
}
