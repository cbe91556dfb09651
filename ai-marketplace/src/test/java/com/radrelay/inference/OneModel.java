package com.radrelay.inference;

import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.inference.spi.ModelSource;
import java.util.List;
import java.util.Optional;

/** A model source holding one model version, for tests and benchmarks that serve a model of their own. */
public record OneModel(ModelFiles files) implements ModelSource {

    @Override
    public Optional<ModelFiles> find(String name, String version) {
        return files.name().equals(name) && (version.isBlank() || version.equals(files.version()))
                ? Optional.of(files) : Optional.empty();
    }

    @Override
    public List<String> models() {
        return List.of(files.name());
    }
}
