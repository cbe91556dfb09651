package com.radrelay.marketplace;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.inference.ModelSandbox;
import com.radrelay.inference.Recipe;
import com.radrelay.inference.InferenceFailure;
import com.radrelay.inference.TritonModelConfig;
import com.radrelay.inference.TritonRepository;
import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.VendorId;
import com.radrelay.storage.ObjectKey;
import com.radrelay.storage.ObjectStore;
import com.radrelay.tenancy.TenantDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue of models: vendors publish versions, a platform administrator approves or rejects each one, and
 * clinics see only approved versions. Files go to the object store under the platform's key, in Triton's layout.
 */
@Service
public class ModelCatalogue {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            v.id, m.id, m.name, vd.name, v.version, v.status, v.title, v.intended_use, v.modalities, v.body_parts,
            v.price, v.currency, v.regulatory_status, v.onnx_sha256, v.onnx_bytes, v.uploaded_by, v.uploaded_at,
            v.decided_by, v.decided_at, v.decision_note
            from ai_model_versions v join ai_models m on m.id = v.model_id join vendors vd on vd.id = m.vendor_id""";

    private static final Logger log = LoggerFactory.getLogger(ModelCatalogue.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectStore store;
    private final AuditLog audit;
    private final MarketplaceSettings settings;
    private final Clock clock;
    private final TritonRepository repository;
    private final TritonExport export;
    private final ModelSandbox sandbox;

    ModelCatalogue(JdbcTemplate jdbc, TransactionTemplate tx, ObjectStore store, AuditLog audit,
            MarketplaceSettings settings, Clock clock, TritonRepository repository, TritonExport export,
            ModelSandbox sandbox) {
        this.jdbc = jdbc;
        this.sandbox = sandbox;
        this.repository = repository;
        this.export = export;
        this.tx = tx;
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Checks and keeps a vendor's upload as a new version awaiting approval. A model name belongs to the vendor
     * that first published it; a version number is never reused.
     */
    public Publication publish(VendorId vendor, String uploadedBy, InputStream upload) throws IOException {
        ModelPackage p;
        try {
            p = ModelPackage.read(upload, settings, sandbox);
        } catch (ModelPackage.Refused e) {
            return new Publication.Refused(e.problems());
        }
        String name = p.manifest().name();
        Optional<UUID[]> owner = jdbc.query("select id, vendor_id from ai_models where name = ?",
                (rs, i) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}, name).stream()
                .findFirst();
        if (owner.isPresent() && !owner.get()[1].equals(vendor.value())) {
            return new Publication.Refused(List.of("the model name \"" + name + "\" belongs to another vendor"));
        }
        if (owner.isPresent() && !jdbc.queryForList("select 1 from ai_model_versions where model_id = ? and "
                + "version >= ?", Integer.class, owner.get()[0], p.version()).isEmpty()) {
            return new Publication.Refused(List.of("version " + p.version() + " of " + name + " is not newer than "
                    + "the versions already uploaded: versions never change, upload a higher number"));
        }
        // Each upload is a Triton repository of its own (objects are never overwritten): <upload>/<name>/config.pbtxt
        // and <upload>/<name>/<version>/model.onnx. Files first, so a row never points at a missing object; a
        // failed insert leaves an unused object behind, no harm.
        String repository = "model-uploads/" + UUID.randomUUID() + "/" + name + "/";
        String key = repository + p.version() + "/model.onnx";
        store.put(new ObjectKey(TenantDirectory.PLATFORM_DATA, key), new ByteArrayInputStream(p.onnx()));
        store.put(new ObjectKey(TenantDirectory.PLATFORM_DATA, repository + "config.pbtxt"),
                new ByteArrayInputStream(p.configText().getBytes(StandardCharsets.UTF_8)));
        Manifest m = p.manifest();
        tx.executeWithoutResult(s -> {
            UUID model = owner.map(o -> o[0]).orElseGet(() -> {
                UUID id = UUID.randomUUID();
                jdbc.update("insert into ai_models (id, vendor_id, name, created_at) values (?, ?, ?, ?)", id,
                        vendor.value(), name, Timestamp.from(clock.instant()));
                return id;
            });
            jdbc.update("""
                    insert into ai_model_versions (id, model_id, version, status, title, intended_use, modalities,
                        body_parts, price, currency, regulatory_status, manifest, config, onnx_key, onnx_sha256,
                        onnx_bytes, uploaded_by, uploaded_at)
                    values (?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    UUID.randomUUID(), model, p.version(), m.title(), m.intendedUse(),
                    m.input().modalities().toArray(String[]::new), m.bodyParts().toArray(String[]::new),
                    m.pricePerInference(), m.currency(), m.regulatoryStatus(), JSON.writeValueAsString(m),
                    p.configText(), key, sha256(p.onnx()), (long) p.onnx().length, uploadedBy,
                    Timestamp.from(clock.instant()));
        });
        audit.record(new AuditEvent(TenantDirectory.PLATFORM_DATA, uploadedBy, "AI_MODEL_UPLOADED", "ai-model",
                name + "@" + p.version(), AuditEvent.Outcome.SUCCESS, "sha256=" + sha256(p.onnx())));
        return new Publication.Published(name, p.version());
    }

    /** Approves or rejects a pending version; only a platform administrator decides, and only once. */
    public boolean decide(UUID version, boolean approve, @Nullable String note, SignedInUser admin) {
        if (admin.role() != Role.PLATFORM_ADMIN) {
            throw new IllegalStateException("only a platform administrator approves models");
        }
        if (!approve && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("a rejection needs a reason the vendor can act on");
        }
        int changed = jdbc.update("""
                update ai_model_versions set status = ?, decided_by = ?, decided_at = ?, decision_note = ?
                where id = ? and status = 'PENDING'""", approve ? "APPROVED" : "REJECTED", admin.username(),
                Timestamp.from(clock.instant()), note, version);
        if (changed == 1) {
            audit.record(new AuditEvent(TenantDirectory.PLATFORM_DATA, admin.username(),
                    approve ? "AI_MODEL_APPROVED" : "AI_MODEL_REJECTED", "ai-model-version", version.toString(),
                    AuditEvent.Outcome.SUCCESS, note == null ? "" : note));
        }
        if (changed == 1 && approve) {
            String model = jdbc.queryForObject("select m.name from ai_model_versions v join ai_models m "
                    + "on m.id = v.model_id where v.id = ?", String.class, version);
            try {
                approvedFiles(model, "").ifPresent(export::export);
            } catch (RuntimeException e) {
                log.error("Approved {} could not be written to Triton's repository: a production Triton will not "
                        + "find it", model, e);
            }
            if (repository.available()) {
                loadOnTheServer(model);
            }
        }
        return changed == 1;
    }

    /**
     * Asks the inference server to load the model's approved version now (Triton under explicit model control loads
     * nothing by itself); a server that refuses (Triton polling its repository) is logged, not fatal.
     */
    private void loadOnTheServer(String model) {
        try {
            repository.load(model);
        } catch (InferenceFailure e) {
            log.warn("The inference server did not load {} on approval: {}", model, e.getMessage());
        }
    }

    /** What the inference server holds, model by model, as its repository index says. */
    public List<TritonRepository.Entry> onTheServer() {
        return repository.index();
    }

    /** Versions awaiting a decision, oldest first. */
    public List<ModelVersion> pending() {
        return jdbc.query("select " + COLUMNS + " where v.status = 'PENDING' order by v.uploaded_at",
                ModelCatalogue::row);
    }

    /** Every version of every model of one vendor, newest first. */
    public List<ModelVersion> ofVendor(VendorId vendor) {
        return jdbc.query("select " + COLUMNS + " where m.vendor_id = ? order by m.name, v.version desc",
                ModelCatalogue::row, vendor.value());
    }

    /** The newest approved version of each model: what clinics can subscribe to. */
    public List<ModelVersion> approved() {
        return jdbc.query("select " + COLUMNS + " where v.status = 'APPROVED' and v.version = (select max(version) "
                + "from ai_model_versions a where a.model_id = v.model_id and a.status = 'APPROVED') order by v.title",
                ModelCatalogue::row);
    }

    public Optional<ModelVersion> newestApproved(String model) {
        return approved().stream().filter(v -> v.model().equals(model)).findFirst();
    }

    /** How one version has run across every clinic: no study or clinic is named. */
    public record Usage(long runs, long failed, double medianSeconds, double p95Seconds) {

        public static final Usage NONE = new Usage(0, 0, 0, 0);

        /** Studies read to the end: what the version earns for. */
        public long completed() {
            return runs - failed;
        }
    }

    /** The usage of every version of every model, by model name and version number. */
    public Map<String, Usage> usage() {
        Map<String, Usage> usage = new HashMap<>();
        jdbc.query("select model, model_version, runs, failed, median_seconds, p95_seconds from ai_model_usage()",
                rs -> {
                    usage.put(rs.getString(1) + "@" + rs.getString(2), new Usage(rs.getLong(3), rs.getLong(4),
                            rs.getDouble(5), rs.getDouble(6)));
                });
        return usage;
    }

    public static Usage usageOf(Map<String, Usage> usage, ModelVersion version) {
        return usage.getOrDefault(version.model() + "@" + version.version(), Usage.NONE);
    }

    /** Real-world agreement of every reviewed version, in every subgroup, across clinics. */
    public List<Agreement> agreement() {
        return jdbc.query("select model, model_version, dimension, subgroup, reviewed, agreed from ai_agreement() "
                + "order by model, model_version, dimension, subgroup", (rs, i) -> new Agreement(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6)));
    }

    /** The vendor that owns a model. */
    public Optional<VendorId> vendorOf(String model) {
        return jdbc.query("select vendor_id from ai_models where name = ?",
                (rs, i) -> new VendorId(rs.getObject(1, UUID.class)), model).stream().findFirst();
    }

    /** How inference runs a version: its manifest's contracts with the config's batch size. */
    public Recipe recipe(ModelVersion version) {
        String[] row = jdbc.queryForObject("select manifest, config from ai_model_versions where id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, version.id());
        Manifest m = JSON.readValue(row[0], Manifest.class);
        int batch = TritonModelConfig.parse(row[1]).maxBatchSize();
        return new Recipe(version.model(), Integer.toString(version.version()), m.title(), version.vendor(), batch,
                m.input(), m.measures(), m.triage(), m.mask(), m.boxes(), m.classes());
    }

    /** An approved version's files (the newest when {@code version} is blank), checked against the upload's hash. */
    Optional<ModelFiles> approvedFiles(String model, String version) {
        List<String[]> rows = jdbc.query("""
                select v.onnx_key, v.onnx_sha256, v.config, v.version from ai_model_versions v
                join ai_models m on m.id = v.model_id
                where m.name = ? and v.status = 'APPROVED' and (? = '' or v.version::text = ?)
                order by v.version desc limit 1""", (rs, i) -> new String[] {rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)}, model, version, version);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String[] r = rows.getFirst();
        try (InputStream in = store.open(new ObjectKey(TenantDirectory.PLATFORM_DATA, r[0]))) {
            byte[] onnx = in.readAllBytes();
            if (!sha256(onnx).equals(r[1])) {
                throw new IllegalStateException("model " + model + " version " + r[3] + " does not match its "
                        + "checksum");
            }
            return Optional.of(new ModelFiles(model, r[3], r[2], onnx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelVersion row(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp(19);
        return new ModelVersion(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getInt(5), ModelVersion.Status.valueOf(rs.getString(6)), rs.getString(7),
                rs.getString(8), Arrays.asList((String[]) rs.getArray(9).getArray()),
                Arrays.asList((String[]) rs.getArray(10).getArray()), rs.getBigDecimal(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getLong(15), rs.getString(16),
                rs.getTimestamp(17).toInstant(), rs.getString(18), decided == null ? null : decided.toInstant(),
                rs.getString(20));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
