package com.radrelay.archive.store;

import com.radrelay.archive.ArchiveSettings;
import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.index.ArchiveIndex;
import com.radrelay.archive.index.NewInstance;
import com.radrelay.archive.index.SaveOutcome;
import com.radrelay.storage.ObjectStore;
import com.radrelay.storage.StoredObject;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Stores one instance: spool and parse in a single pass, validate, write the encrypted object, then index it.
 * Success is reported only after both the object and its index row are durable; a failure on the way removes
 * what was written, and nothing about one instance affects the next.
 */
@Component
public class InstanceStore {

    private static final Logger log = LoggerFactory.getLogger(InstanceStore.class);

    private final ArchiveSettings settings;
    private final ObjectStore objects;
    private final ArchiveIndex index;
    private final TenantJdbcTransactions tx;

    InstanceStore(ArchiveSettings settings, ObjectStore objects, ArchiveIndex index, TenantJdbcTransactions tx) {
        this.settings = settings;
        this.objects = objects;
        this.index = index;
        this.tx = tx;
    }

    public StoreResult store(StoreRequest request) {
        return CurrentTenant.call(request.tenant(), () -> {
            try (Spool spool = new Spool(settings.spoolInMemory(), Files.createDirectories(settings.spoolDir()))) {
                return store(request, spool);
            } catch (IOException e) {
                return new StoreResult.Failed("spooling failed: " + e.getMessage(), null, null);
            }
        });
    }

    private StoreResult store(StoreRequest request, Spool spool) {
        ParsedInstance parsed;
        try {
            parsed = switch (request) {
                case StoreRequest.Dimse d -> {
                    ParsedInstance p = InstanceParser.parseDataset(d.data(), d.transferSyntax(), d.sopClassUid(),
                            d.sopInstanceUid(), d.callingAeTitle(), spool);
                    StoreValidation.matchesCommand(p, d.sopClassUid(), d.sopInstanceUid());
                    yield p;
                }
                case StoreRequest.Web w -> InstanceParser.parseFile(w.data(), spool);
            };
            StoreValidation.check(parsed);
            if (request instanceof StoreRequest.Web w && w.studyInstanceUid() != null
                    && !w.studyInstanceUid().equals(parsed.studyInstanceUid())) {
                throw new MalformedInstanceException(StoreValidation.DOES_NOT_MATCH_SOP_CLASS, "instance belongs to study "
                        + parsed.studyInstanceUid() + ", not to the study " + w.studyInstanceUid() + " of the request");
            }
        } catch (MalformedInstanceException e) {
            return rejected(request, e.status(), e.getMessage());
        } catch (IOException e) {
            return rejected(request, StoreValidation.CANNOT_UNDERSTAND, "reading the instance failed: " + e.getMessage());
        }
        return save(request.tenant(), request.source(), parsed, spool);
    }

    private StoreResult save(TenantId tenant, String source, ParsedInstance p, Spool spool) {
        // Duplicates are found by the index insert itself (one round trip); the rare copy is uploaded, then removed.
        boolean replace = settings.duplicates() == ArchiveSettings.DuplicatePolicy.REPLACE;
        String path = "studies/" + p.studyInstanceUid() + "/series/" + p.seriesInstanceUid() + "/"
                + p.sopInstanceUid() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".dcm";
        StoredObject object;
        try {
            object = objects.put(tenant, path, spool);
        } catch (IOException e) {
            log.warn("Storing {} failed: {}", p.sopInstanceUid(), e.getMessage());
            return new StoreResult.Failed("object storage failed: " + e.getMessage(), p.sopClassUid(), p.sopInstanceUid());
        }
        SaveOutcome outcome;
        try {
            outcome = tx.execute(() -> index.save(tenant, newInstance(p, object, source), replace));
        } catch (DataAccessException e) {
            deleteQuietly(tenant, path);
            log.warn("Indexing {} failed: {}", p.sopInstanceUid(), e.getMessage());
            return new StoreResult.Failed("index update failed", p.sopClassUid(), p.sopInstanceUid());
        }
        return switch (outcome) {
            case SaveOutcome.Inserted i -> stored(p);
            case SaveOutcome.Replaced r -> {
                deleteQuietly(tenant, r.previousObjectKey().substring(("tenants/" + tenant + "/").length()));
                yield stored(p);
            }
            case SaveOutcome.KeptExisting k -> {
                deleteQuietly(tenant, path);
                yield duplicate(p);
            }
            case SaveOutcome.Conflict c -> {
                deleteQuietly(tenant, path);
                yield new StoreResult.Rejected(StoreValidation.DOES_NOT_MATCH_SOP_CLASS, c.reason(), p.sopClassUid(),
                        p.sopInstanceUid());
            }
        };
    }

    private static NewInstance newInstance(ParsedInstance p, StoredObject object, String source) {
        ParsedInstance.PixelData px = p.pixels();
        return new NewInstance(p.dataset(), p.transferSyntax(), object.key(), object.size(), object.sha256(),
                px == null ? null : px.tag(), px == null ? null : px.vr().name(), px == null ? null : px.offset(),
                px == null ? null : px.length(), px == null ? null : px.fragments(), source);
    }

    private static StoreResult stored(ParsedInstance p) {
        return new StoreResult.Stored(p.sopClassUid(), p.sopInstanceUid(), p.studyInstanceUid(), p.seriesInstanceUid());
    }

    private static StoreResult duplicate(ParsedInstance p) {
        return new StoreResult.Duplicate(p.sopClassUid(), p.sopInstanceUid(), p.studyInstanceUid(),
                p.seriesInstanceUid());
    }

    private static StoreResult rejected(StoreRequest request, int status, String reason) {
        String cuid = request instanceof StoreRequest.Dimse d ? d.sopClassUid() : null;
        String iuid = request instanceof StoreRequest.Dimse d ? d.sopInstanceUid() : null;
        return new StoreResult.Rejected(status, reason, cuid, iuid);
    }

    private void deleteQuietly(TenantId tenant, String path) {
        try {
            objects.delete(tenant, path);
        } catch (IOException e) {
            log.warn("Could not delete unreferenced object {}: {}", path, e.getMessage());
        }
    }
}
