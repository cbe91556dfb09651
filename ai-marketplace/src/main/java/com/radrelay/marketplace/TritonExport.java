package com.radrelay.marketplace;

import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.BlobWriter;
import com.radrelay.storage.spi.StorageProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes each approved version, as Triton reads a model repository ({@code <model>/config.pbtxt},
 * {@code <model>/<version>/model.onnx}), to {@code radrelay.marketplace.triton-repository}: the catalogue keeps
 * models encrypted, which Triton cannot read, so a production Triton loads them from this copy (on S3 or a shared
 * folder). Nothing is written without that setting.
 */
@Component
class TritonExport {

    private final @Nullable URI location;
    private final List<StorageProvider> providers;

    TritonExport(MarketplaceSettings settings, List<StorageProvider> providers) {
        this.location = settings.tritonRepository();
        this.providers = providers;
    }

    /** The version's files under its model's folder; the model's config.pbtxt becomes the newest version's. */
    void export(ModelFiles files) {
        if (location == null) {
            return;
        }
        StorageProvider provider = providers.stream().filter(p -> p.scheme().equalsIgnoreCase(location.getScheme()))
                .findFirst().orElseThrow(() -> new IllegalStateException("radrelay.marketplace.triton-repository "
                        + location + " names no known store"));
        try (BlobStore repository = provider.open(location)) {
            replace(repository, files.name() + "/" + files.version() + "/model.onnx", files.onnx());
            replace(repository, files.name() + "/config.pbtxt", files.configText().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("version " + files.version() + " of " + files.name()
                    + " was not written to Triton's repository at " + location, e);
        }
    }

    private static void replace(BlobStore repository, String name, byte[] content) throws IOException {
        repository.delete(name);
        try (BlobWriter writer = repository.create(name)) {
            writer.write(content);
            writer.commit();
        }
    }
}
