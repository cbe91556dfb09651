package com.radrelay.marketplace;

import static com.radrelay.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.radrelay.archive.QueryLevel;
import com.radrelay.archive.StoredInstance;
import com.radrelay.archive.StudyArchive;
import com.radrelay.inference.AiResult;
import com.radrelay.inference.AiResults;
import com.radrelay.inference.Recipe;
import com.radrelay.inference.StudyInference;
import com.radrelay.inference.TritonRepository;
import com.radrelay.ingest.SampleStudies;
import com.radrelay.mail.EmbeddedMailbox;
import com.radrelay.marketplace.demo.DemoModels;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.Vendor;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.workflow.AiFindingReviewed;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole AI path over real PostgreSQL, the object store and gRPC: a vendor publishes, an administrator approves,
 * a clinic subscribes, a stored study is routed, inferred by the embedded KServe v2 server, and its findings come
 * back as rows and as a DICOM SR in the study.
 */
@IntegrationTest
@TestPropertySource(properties = {"radrelay.inference.backoff=20ms", "radrelay.marketplace.agreement-min-reviews=1",
    "radrelay.marketplace.triton-repository=file:target/triton-repository"})
class AiPipelineTests {

    @Autowired TenantDirectory directory;
    @Autowired UserAccounts accounts;
    @Autowired ModelCatalogue catalogue;
    @Autowired Subscriptions subscriptions;
    @Autowired SampleStudies samples;
    @Autowired AiResults results;
    @Autowired StudyArchive archive;
    @Autowired StudyInference inference;
    @Autowired AgreementAlerts alerts;
    @Autowired EmbeddedMailbox mailbox;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;

    final SignedInUser admin = new SignedInUser(UUID.randomUUID(), "admin-" + UUID.randomUUID(), "Test Admin",
            Role.PLATFORM_ADMIN, null, "", true);

    @Test
    void aSubscribedClinicsHeadCtComesBackWithFindingsAnSrAndAnUrgentTriage() throws Exception {
        String model = "head-ct-" + Long.toString(System.nanoTime(), 36);
        Vendor vendor = accounts.registerVendor("Vendor " + model, "KE", "demo");
        Publication published = catalogue.publish(vendor.id(), "vendor-user", new ByteArrayInputStream(
                renamed(DemoModels.headCtPackage(), DemoModels.HEAD_CT, model)));
        assertThat(published).isEqualTo(new Publication.Published(model, 1));
        Tenant clinic = Clinics.ruralClinic(directory);
        assertThatThrownBy(() -> subscriptions.subscribe(clinic.id(), model, anyStudy(), "manager"))
                .hasMessageContaining("not in the catalogue");

        ModelVersion pending = catalogue.pending().stream().filter(v -> v.model().equals(model)).findFirst()
                .orElseThrow();
        assertThat(catalogue.onTheServer()).as("pending versions are not served")
                .noneMatch(e -> e.name().equals(model));
        assertThat(catalogue.decide(pending.id(), true, null, admin)).isTrue();
        assertThat(catalogue.onTheServer()).as("approval loads it on the inference server")
                .contains(new TritonRepository.Entry(model, "1", "READY", null));
        // And writes it, unencrypted, where a production Triton reads its repository.
        Path repository = Path.of("target/triton-repository", model);
        assertThat(Files.readString(repository.resolve("config.pbtxt"))).contains("name: \"" + model + "\"");
        assertThat(Files.readAllBytes(repository.resolve("1/model.onnx"))).isEqualTo(DemoModels.headCtOnnx());
        assertThat(catalogue.decide(pending.id(), false, "too late", admin)).as("decided once").isFalse();
        subscriptions.subscribe(clinic.id(), model, anyStudy(), "manager");

        List<StudyUid> studies = samples.storeInto(clinic.id());
        StudyUid ct = studies.getFirst();
        waitFor(Duration.ofSeconds(90), () -> !results.of(clinic.id(), ct).isEmpty());

        AiResult result = results.of(clinic.id(), ct).getFirst();
        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(result.model()).isEqualTo(model);
        assertThat(result.version()).isEqualTo("1");
        assertThat(result.vendor()).isEqualTo(vendor.name());
        assertThat(result.images()).isEqualTo(40);
        assertThat(result.triage()).isEqualTo(Priority.URGENT);
        assertThat(result.findings()).singleElement().asString().startsWith("Hyperdense voxels");
        assertThat(result.measurements()).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("hyperdense_ratio");
            assertThat(m.value()).isBetween(0.0005, 0.01);
        });

        Attributes keys = new Attributes();
        keys.setString(Tag.StudyInstanceUID, VR.UI, ct.value());
        keys.setString(Tag.Modality, VR.CS, "SR");
        assertThat(archive.search(clinic.id(), QueryLevel.SERIES, keys, 0, 10)).hasSize(1);
        assertThat(archive.series(clinic.id(), ct)).anyMatch(s -> "SR".equals(s.modality())
                && ("AI: Head CT hyperdensity triage (demo)").equals(s.description()));
        assertThat(archive.instances(clinic.id(), ct, null, null)).anyMatch(i -> i.sop().value()
                .equals(result.srSopUid()));

        // The mask of the 50-90 HU voxels, as a binary Segmentation over the slices of the phantom's bleed only.
        keys.setString(Tag.Modality, VR.CS, "SEG");
        assertThat(archive.search(clinic.id(), QueryLevel.SERIES, keys, 0, 10)).hasSize(1);
        StoredInstance stored = archive.instances(clinic.id(), ct, null, null).stream()
                .filter(i -> UID.SegmentationStorage.equals(i.sopClassUid())).findFirst().orElseThrow();
        Attributes seg;
        try (DicomInputStream in = new DicomInputStream(archive.open(stored))) {
            seg = in.readDataset();
        }
        assertThat(seg.getNestedDataset(Tag.SegmentSequence).getString(Tag.SegmentAlgorithmName))
                .isEqualTo(model + " 1");
        List<String> slices = archive.instances(clinic.id(), ct, null, null).stream()
                .filter(i -> UID.CTImageStorage.equals(i.sopClassUid())).map(i -> i.sop().value()).toList();
        Sequence frames = seg.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        assertThat(frames).hasSize(5).allSatisfy(f -> assertThat(slices).contains(f.getNestedDataset(
                Tag.DerivationImageSequence).getNestedDataset(Tag.SourceImageSequence)
                .getString(Tag.ReferencedSOPInstanceUID)));
        // The bleed is a disc of radius 9 pixels: about 250 pixels of each 256 x 256 frame.
        int marked = BitSet.valueOf(seg.getBytes(Tag.PixelData)).cardinality();
        assertThat(marked).isBetween(5 * 200, 5 * 300);

        // A box around the bleed on each of those slices, as an image region of the SR (pixel edges 167-184 across,
        // 92-109 down: the disc of radius 9 about 175, 100).
        Attributes sr;
        StoredInstance srInstance = archive.instances(clinic.id(), ct, null, null).stream()
                .filter(i -> i.sop().value().equals(result.srSopUid())).findFirst().orElseThrow();
        try (DicomInputStream in = new DicomInputStream(archive.open(srInstance))) {
            sr = in.readDataset();
        }
        List<Attributes> groups = sr.getSequence(Tag.ContentSequence).stream()
                .filter(i -> "CONTAINER".equals(i.getString(Tag.ValueType)))
                .flatMap(c -> c.getSequence(Tag.ContentSequence).stream())
                .filter(i -> "CONTAINER".equals(i.getString(Tag.ValueType))).toList();
        assertThat(groups).hasSize(5).allSatisfy(g -> {
            Attributes region = g.getSequence(Tag.ContentSequence).stream()
                    .filter(i -> "SCOORD".equals(i.getString(Tag.ValueType))).findFirst().orElseThrow();
            assertThat(region.getFloats(Tag.GraphicData)).containsExactly(167, 92, 184, 92, 184, 109, 167, 109, 167,
                    92);
            assertThat(slices).contains(region.getNestedDataset(Tag.ContentSequence)
                    .getNestedDataset(Tag.ReferencedSOPSequence).getString(Tag.ReferencedSOPInstanceUID));
        });

        Tenant other = Clinics.ruralClinic(directory);
        assertThat(results.of(other.id(), ct)).as("another clinic sees nothing of it").isEmpty();

        String staff = model + "@vendor.example";
        accounts.createVendorAccount(model + "-staff", new EmailAddress(staff), "Vendor Staff", "a long password 1",
                vendor.id());
        transactions.executeWithoutResult(s -> events.publishEvent(new AiFindingReviewed(clinic.id(), ct, model, "1",
                false, UUID.randomUUID())));
        waitFor(() -> catalogue.agreement().stream().anyMatch(a -> a.model().equals(model) && a.reviewed() == 1));
        assertThat(catalogue.agreement()).filteredOn(a -> a.model().equals(model))
                .extracting(Agreement::dimension, Agreement::subgroup, Agreement::reviewed, Agreement::agreed)
                .contains(tuple("all", "all", 1L, 0L), tuple("sex", "M", 1L, 0L), tuple("age band", "40-64", 1L, 0L),
                        tuple("modality", "CT", 1L, 0L), tuple("clinic", clinic.name(), 1L, 0L));
        assertThat(alerts.check()).as("each low subgroup alerted once").isPositive();
        assertThat(alerts.check()).isZero();
        assertThat(mailbox.to(staff)).anySatisfy(m -> assertThat(m.subject()).contains(model + " 1 agrees with "
                + "radiologists in 0 % of sex M"));
    }

    @Test
    void aChestRadiographIsClassifiedAndTheChosenClassIsACodedFindingOfTheSr() throws Exception {
        String model = "chest-xr-" + Long.toString(System.nanoTime(), 36);
        Vendor vendor = accounts.registerVendor("Vendor " + model, "KE", "demo");
        catalogue.publish(vendor.id(), "vendor-user", new ByteArrayInputStream(renamed(DemoModels.chestXrPackage(),
                DemoModels.CHEST_XR, model)));
        ModelVersion pending = catalogue.pending().stream().filter(v -> v.model().equals(model)).findFirst()
                .orElseThrow();
        catalogue.decide(pending.id(), true, null, admin);
        Tenant clinic = Clinics.ruralClinic(directory);
        subscriptions.subscribe(clinic.id(), model, new Subscriptions.Rule(List.of("cr"), List.of(), null,
                Priority.URGENT), "manager");
        assertThat(subscriptions.of(clinic.id())).singleElement().satisfies(s -> {
            assertThat(s.rule().modalities()).containsExactly("CR");
            assertThat(s.rule().priority()).isEqualTo(Priority.URGENT);
        });

        StudyUid cr = samples.storeInto(clinic.id()).getLast();
        waitFor(Duration.ofSeconds(90), () -> !results.of(clinic.id(), cr).isEmpty());

        AiResult result = results.of(clinic.id(), cr).getFirst();
        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(result.measurements()).extracting(AiResult.Measurement::code)
                .containsExactly("mean_level", "clipped_fraction", "under", "adequate", "over");
        double mean = result.measurements().getFirst().value();
        List<AiResult.Measurement> classes = result.measurements().subList(2, 5);
        assertThat(classes.stream().mapToDouble(AiResult.Measurement::value).sum()).as("a softmax")
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        // One image: the class is where its mean grey level lies (below 0.3, 0.3-0.7, above 0.7).
        String expected = mean < 0.3 ? "under" : mean > 0.7 ? "over" : "adequate";
        AiResult.Measurement chosen = classes.stream().max(java.util.Comparator.comparingDouble(
                AiResult.Measurement::value)).orElseThrow();
        assertThat(chosen.code()).as("mean grey level %s", mean).isEqualTo(expected);
        assertThat(result.findings().stream().anyMatch(f -> f.contains("Exposure: " + chosen.label())))
                .isEqualTo(!expected.equals("adequate"));

        StoredInstance srInstance = archive.instances(clinic.id(), cr, null, null).stream()
                .filter(i -> i.sop().value().equals(result.srSopUid())).findFirst().orElseThrow();
        Attributes sr;
        try (DicomInputStream in = new DicomInputStream(archive.open(srInstance))) {
            sr = in.readDataset();
        }
        Attributes measurements = sr.getSequence(Tag.ContentSequence).stream()
                .filter(i -> "CONTAINER".equals(i.getString(Tag.ValueType))).findFirst().orElseThrow();
        assertThat(measurements.getSequence(Tag.ContentSequence).stream()
                .filter(i -> "NUM".equals(i.getString(Tag.ValueType)))
                .map(i -> i.getNestedDataset(Tag.ConceptNameCodeSequence).getString(Tag.CodeValue)))
                .as("the scores are the classification's, not measurements").containsExactly("mean_level",
                        "clipped_fraction");
        Attributes group = measurements.getSequence(Tag.ContentSequence).stream()
                .filter(i -> "CONTAINER".equals(i.getString(Tag.ValueType))).findFirst().orElseThrow();
        Sequence items = group.getSequence(Tag.ContentSequence);
        assertThat(items.stream().filter(i -> "TEXT".equals(i.getString(Tag.ValueType))).findFirst().orElseThrow()
                .getString(Tag.TextValue)).isEqualTo("Exposure");
        Attributes finding = items.stream().filter(i -> "CODE".equals(i.getString(Tag.ValueType))).findFirst()
                .orElseThrow();
        assertThat(finding.getNestedDataset(Tag.ConceptNameCodeSequence).getString(Tag.CodeValue)).isEqualTo("121071");
        assertThat(finding.getNestedDataset(Tag.ConceptCodeSequence).getString(Tag.CodeValue)).isEqualTo(expected);
        assertThat(items.stream().filter(i -> "NUM".equals(i.getString(Tag.ValueType)))
                .map(i -> i.getNestedDataset(Tag.ConceptNameCodeSequence).getString(Tag.CodeMeaning)))
                .containsExactly("Underexposed", "Adequately exposed", "Overexposed");
    }

    @Test
    void aModelThatNeverAnswersIsRetriedThenMarkedFailedAndTheStudyGoesOn() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        StudyUid cr = samples.storeInto(clinic.id()).getLast();
        Recipe missing = new Recipe("no-such-model", "1", "Nowhere", "Nobody", 4,
                new Recipe.Input("image", List.of("CR"), 1, Recipe.SeriesChoice.ALL, Recipe.Values.MIN_MAX, null,
                        null, 256, 256),
                List.of(new Recipe.Measure("m", "Mean", "1", Recipe.Aggregate.MEAN, "mean_level", null, null, null,
                        null)), null, null, null, null);

        inference.enqueue(clinic.id(), cr, missing, Priority.ROUTINE);
        waitFor(() -> results.of(clinic.id(), cr).stream().anyMatch(r -> r.model().equals("no-such-model")));

        AiResult result = results.of(clinic.id(), cr).stream().filter(r -> r.model().equals("no-such-model"))
                .findFirst().orElseThrow();
        assertThat(result.failed()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.error()).startsWith("unavailable: no-such-model");
    }

    private static Subscriptions.Rule anyStudy() {
        return new Subscriptions.Rule(List.of(), List.of(), null);
    }

    /** The same package under another model name, so each test publishes a model of its own. */
    private static byte[] renamed(byte[] pack, String from, String to) throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : ModelPackageTests.files(pack).entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            files.put(f.getKey().replace(from, to), f.getKey().endsWith(".onnx") ? f.getValue()
                    : text.replace("\"" + from + "\"", "\"" + to + "\"").getBytes(StandardCharsets.UTF_8));
        }
        return ModelPackageTests.zip(files);
    }
}
