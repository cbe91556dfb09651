package com.radrelay.inference.spi;

import java.util.List;
import java.util.Optional;

/** Where the inference server finds a model version's files: Triton's repository layout, one version at a time. */
public interface ModelSource {

    /** Version {@code version} of model {@code name} (the newest when blank), if it exists and may be served. */
    Optional<ModelFiles> find(String name, String version);

    /** The names of the models it can serve (for the repository index). */
    List<String> models();
}
