package com.radrelay.marketplace;

import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.inference.spi.ModelSource;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The inference server's only source of models: approved versions from the catalogue, nothing pending. */
@Component
class ApprovedModels implements ModelSource {

    private final ModelCatalogue catalogue;

    ApprovedModels(ModelCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Optional<ModelFiles> find(String name, String version) {
        return catalogue.approvedFiles(name, version);
    }

    @Override
    public List<String> models() {
        return catalogue.approved().stream().map(ModelVersion::model).distinct().toList();
    }
}
