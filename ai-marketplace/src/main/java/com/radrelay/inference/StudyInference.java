package com.radrelay.inference;

import com.radrelay.archive.AiResultObjects;
import com.radrelay.archive.Equipment;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StoredInstance;
import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudySummary;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.SeriesUid;
import com.radrelay.workflow.StudyUid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs one model version on one study: picks the images its input contract names, decodes and prepares them,
 * infers in batches, turns the outputs into measurements, findings and a triage priority, and keeps the result as
 * rows and as a DICOM SR in the study. Runs go through a durable queue (a restart loses none); transient failures
 * are retried with a growing wait; after the last attempt (or at once, for failures that would repeat) the model is
 * marked failed for the study, which goes on without it.
 */
@Service
public class StudyInference {

    /** More frames than any study a clinic sends for one model; beyond it a run is refused, not truncated. */
    static final int MAX_IMAGES = 3000;

    private static final Logger log = LoggerFactory.getLogger(StudyInference.class);

    private final StudyArchive archive;
    private final AiResultObjects objects;
    private final InferenceClient client;
    private final InferenceSettings settings;
    private final AiResults results;
    private final AiRuns runs;
    private final AiRunWorker worker;
    private final Clock clock;

    StudyInference(StudyArchive archive, AiResultObjects objects, InferenceClient client, InferenceSettings settings,
            AiResults results, AiRuns runs, @Lazy AiRunWorker worker, Clock clock) {
        this.runs = runs;
        this.worker = worker;
        this.archive = archive;
        this.objects = objects;
        this.client = client;
        this.settings = settings;
        this.results = results;
        this.clock = clock;
    }

    /**
     * Queues a run of this model version on the study; a worker takes it soon after this transaction commits, before
     * runs of a lower priority. The same version queued twice for a study runs once.
     */
    public void enqueue(TenantId clinic, StudyUid study, Recipe recipe, Priority priority) {
        runs.enqueue(clinic, study, recipe, priority);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }

    /**
     * One attempt at a queued run: skipped when no image qualifies or this version already read these images; a
     * failure that may pass is put back with a growing wait until the attempts are spent.
     */
    void process(AiRuns.Run run) {
        TenantId clinic = run.tenant();
        StudyUid study = run.study();
        Recipe recipe = run.recipe();
        List<StoredInstance> images = qualifying(clinic, study, recipe.input());
        if (images.isEmpty() || results.done(clinic, study, recipe, images.size())) {
            runs.finished(run);
            return;
        }
        Instant started = clock.instant();
        List<String> series = images.stream().map(i -> i.series().value()).distinct().toList();
        Subgroups groups = subgroups(clinic, study, images.getFirst());
        try {
            Computed computed = compute(clinic, recipe, images);
            String sr = storeSr(clinic, study, recipe, computed, images);
            storeMask(clinic, study, recipe, computed, images.size());
            results.record(clinic, study, new AiResult(recipe.model(), recipe.version(), recipe.title(),
                    recipe.vendor(), false, images.size(), series, computed.measurements(), computed.findings(),
                    computed.triage(), sr, null, run.attempt(), started, clock.instant()), groups);
            runs.finished(run);
        } catch (InferenceFailure e) {
            String error = e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + e.getMessage();
            if (e.kind().retryable() && run.attempt() < settings.attempts()) {
                log.info("Model {} {} on a study of tenant {}: attempt {} failed ({}), retrying", recipe.model(),
                        recipe.version(), clinic, run.attempt(), e.getMessage());
                runs.retryAfter(run, settings.backoff().multipliedBy(1L << (run.attempt() - 1)), error);
                return;
            }
            failed(run, images.size(), series, started, groups, error);
        } catch (IOException e) {
            failed(run, images.size(), series, started, groups, "images could not be read: " + e.getMessage());
        }
    }

    private void failed(AiRuns.Run run, int images, List<String> series, Instant started, Subgroups groups,
            String error) {
        Recipe recipe = run.recipe();
        results.record(run.tenant(), run.study(), new AiResult(recipe.model(), recipe.version(), recipe.title(),
                recipe.vendor(), true, images, series, List.of(), List.of(), null, null, error, run.attempt(), started,
                clock.instant()), groups);
        runs.finished(run);
    }

    /** The subgroups the result will be compared in: from the study and the first image the model read. */
    private Subgroups subgroups(TenantId clinic, StudyUid study, StoredInstance first) {
        Optional<StudySummary> summary = archive.study(clinic, study);
        Equipment equipment = archive.equipment(first);
        String modality = archive.series(clinic, study).stream().filter(s -> s.seriesUid().equals(first.series()
                .value())).findFirst().map(StudySummary.Series::modality).orElse(null);
        return new Subgroups(summary.map(StudySummary::sex).orElse(null),
                summary.map(s -> Subgroups.ageBand(s.birthDate(), s.studyDate())).orElse(null), modality,
                equipment.manufacturer(), equipment.model());
    }

    private List<StoredInstance> qualifying(TenantId clinic, StudyUid study, Recipe.Input input) {
        List<StudySummary.Series> candidates = archive.series(clinic, study).stream()
                .filter(s -> s.modality() != null && input.modalities().contains(s.modality().toUpperCase(
                        Locale.ROOT)) && s.instances() >= input.minImages())
                .toList();
        if (input.series() == Recipe.SeriesChoice.LARGEST) {
            candidates = candidates.stream().max(Comparator.comparingInt(StudySummary.Series::instances)).stream()
                    .toList();
        }
        List<StoredInstance> images = new ArrayList<>();
        for (StudySummary.Series s : candidates) {
            archive.seriesInOrder(clinic, study, new SeriesUid(s.seriesUid())).stream()
                    .filter(i -> i.numberOfFrames() > 0).forEach(images::add);
        }
        return images;
    }

    /**
     * What the outputs come to for the whole study, the classification (if the model classifies), the mask on each
     * image frame that has any, and the boxes found (in pixel edges of the model's plane).
     */
    record Computed(List<AiResult.Measurement> measurements, List<String> findings,
            @Nullable Priority triage, AiResultObjects.@Nullable Classification classification,
            List<AiResultObjects.MaskFrame> masks, List<AiResultObjects.Region> boxes) {
    }

    /** One image frame the model reads. */
    private record Framed(StoredInstance image, int frame) {
    }

    /**
     * What a run's outputs gather, image by image: per output a value per frame, the classes' scores (frame after
     * frame, a score per class), mask frames and boxes.
     */
    record Gathered(Map<String, float[]> perImage, float @Nullable [] classScores,
            List<AiResultObjects.MaskFrame> masks, List<AiResultObjects.Region> boxes) {
    }

    private Computed compute(TenantId clinic, Recipe recipe, List<StoredInstance> images) throws IOException {
        int frames = images.stream().mapToInt(StoredInstance::numberOfFrames).sum();
        if (frames > MAX_IMAGES) {
            throw new InferenceFailure(InferenceFailure.Kind.REFUSED, frames + " frames, more than the "
                    + MAX_IMAGES + " one run reads");
        }
        Recipe.Input input = recipe.input();
        int plane = input.width() * input.height();
        int batch = Math.max(1, Math.min(settings.maxBatchSize(), recipe.maxBatchSize()));
        Map<String, float[]> perImage = new LinkedHashMap<>();
        recipe.outputs().forEach(o -> perImage.put(o, new float[frames]));
        Recipe.Classes classes = recipe.classes();
        Gathered gathered = new Gathered(perImage, classes == null ? null
                : new float[frames * classes.classes().size()], new ArrayList<>(), new ArrayList<>());
        List<Framed> framed = new ArrayList<>(frames);
        float[] buffer = new float[batch * plane];
        int[] filled = {0};
        for (StoredInstance image : images) {
            int[] number = {0};
            archive.eachFrame(image, frame -> {
                framed.add(new Framed(image, ++number[0]));
                System.arraycopy(Preprocessing.plane(frame, input), 0, buffer, filled[0] * plane, plane);
                if (++filled[0] == batch) {
                    infer(recipe, buffer, filled[0], framed, gathered);
                    filled[0] = 0;
                }
            });
        }
        if (filled[0] > 0) {
            infer(recipe, buffer, filled[0], framed, gathered);
        }
        return Postprocessing.of(recipe, gathered);
    }

    /** Infers the last {@code count} frames of {@code framed}, whose planes fill the start of the buffer. */
    private void infer(Recipe recipe, float[] buffer, int count, List<Framed> framed, Gathered gathered) {
        Recipe.Input input = recipe.input();
        int plane = input.width() * input.height();
        int offset = framed.size() - count;
        float[] values = count * plane == buffer.length ? buffer : Arrays.copyOf(buffer, count * plane);
        long[] shape = recipe.maxBatchSize() > 0 ? new long[] {count, 1, input.height(), input.width()}
                : new long[] {1, 1, input.height(), input.width()};
        List<String> wanted = new ArrayList<>(recipe.outputs());
        Recipe.Mask mask = recipe.mask();
        if (mask != null) {
            wanted.add(mask.output());
        }
        Recipe.Boxes detection = recipe.boxes();
        if (detection != null) {
            wanted.add(detection.output());
        }
        Recipe.Classes classes = recipe.classes();
        if (classes != null) {
            wanted.add(classes.output());
        }
        Map<String, Tensor> outputs = client.infer(recipe.model(), recipe.version(),
                new Tensor(input.tensor(), shape, values), wanted);
        for (Map.Entry<String, float[]> each : gathered.perImage().entrySet()) {
            float[] out = values(outputs, each.getKey(), count, "one value per image");
            System.arraycopy(out, 0, each.getValue(), offset, count);
        }
        if (classes != null && gathered.classScores() != null) {
            int n = classes.classes().size();
            float[] out = values(outputs, classes.output(), count * n, n + " class scores per image");
            System.arraycopy(out, 0, gathered.classScores(), offset * n, count * n);
        }
        if (mask != null) {
            float[] out = values(outputs, mask.output(), count * plane, "one plane of " + input.width() + " x "
                    + input.height() + " per image");
            for (int i = 0; i < count; i++) {
                BitSet pixels = new BitSet(plane);
                for (int p = 0; p < plane; p++) {
                    if (out[i * plane + p] > mask.threshold()) {
                        pixels.set(p);
                    }
                }
                if (!pixels.isEmpty()) {
                    Framed f = framed.get(offset + i);
                    gathered.masks().add(new AiResultObjects.MaskFrame(f.image(), f.frame(), pixels));
                }
            }
        }
        if (detection != null) {
            Tensor out = outputs.get(detection.output());
            if (out == null || out.values().length == 0 || out.values().length % (count * 5) != 0) {
                throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, "output " + detection.output()
                        + " should hold rows of x0, y0, x1, y1, score for each of " + count + " images, not "
                        + (out == null ? "nothing" : out.values().length + " values"));
            }
            float[] found = out.values();
            int rows = found.length / (count * 5);
            for (int i = 0; i < count; i++) {
                Framed f = framed.get(offset + i);
                for (int r = 0; r < rows; r++) {
                    int at = (i * rows + r) * 5;
                    float x0 = found[at];
                    float y0 = found[at + 1];
                    float x1 = found[at + 2];
                    float y1 = found[at + 3];
                    if (found[at + 4] >= detection.minScore() && x0 >= 0 && y0 >= 0 && x1 > x0 && y1 > y0
                            && x1 <= input.width() && y1 <= input.height()) {
                        gathered.boxes().add(new AiResultObjects.Region(detection.label(), f.image(), f.frame(), x0,
                                y0, x1, y1, found[at + 4]));
                    }
                }
            }
        }
    }

    private static float[] values(Map<String, Tensor> outputs, String name, int length, String shape) {
        Tensor out = outputs.get(name);
        if (out == null || out.values().length != length) {
            throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, "output " + name + " should hold " + shape
                    + " (" + length + " values), not " + (out == null ? "nothing" : out.values().length + " values"));
        }
        return out.values();
    }

    /** The same model version on the same images makes the same objects: a retried run stores them once. */
    private static UUID runId(TenantId clinic, StudyUid study, Recipe recipe, int images) {
        return UUID.nameUUIDFromBytes((clinic + "/" + study.value() + "/" + recipe.model() + "/"
                + recipe.version() + "/" + images).getBytes(StandardCharsets.UTF_8));
    }

    private void storeMask(TenantId clinic, StudyUid study, Recipe recipe, Computed computed, int images) {
        Recipe.Mask mask = recipe.mask();
        if (mask == null || computed.masks().isEmpty()) {
            return;
        }
        Recipe.Input input = recipe.input();
        for (StoreResult stored : objects.storeMask(clinic, study, new AiResultObjects.AiMask(runId(clinic, study,
                recipe, images), recipe.title(), recipe.model(), recipe.version(), recipe.vendor(), mask.output(),
                mask.label(), input.width(), input.height(), computed.masks(), clock.instant()))) {
            if (stored.sopInstanceUid() == null || stored.status() != 0) {
                throw new InferenceFailure(InferenceFailure.Kind.UNAVAILABLE, "the archive did not keep the mask: "
                        + stored);
            }
        }
    }

    private String storeSr(TenantId clinic, StudyUid study, Recipe recipe, Computed computed,
            List<StoredInstance> images) {
        UUID run = runId(clinic, study, recipe, images.size());
        // The classes' scores are rows of their own in the SR (the classification's group), not measurements.
        List<String> classCodes = computed.classification() == null ? List.of() : computed.classification().scores()
                .stream().map(AiResultObjects.Measurement::code).toList();
        StoreResult stored = objects.store(clinic, study, new AiResultObjects.AiResult(run, recipe.title(),
                recipe.model(), recipe.version(), recipe.vendor(), computed.measurements().stream()
                        .filter(m -> !classCodes.contains(m.code()))
                        .map(m -> new AiResultObjects.Measurement(m.code(), m.label(), m.value(), m.unit()))
                        .toList(), computed.findings(), images, recipe.input().width(), recipe.input().height(),
                computed.boxes(), computed.classification(), clock.instant()));
        if (stored.sopInstanceUid() == null || stored.status() != 0) {
            throw new InferenceFailure(InferenceFailure.Kind.UNAVAILABLE, "the archive did not keep the SR: " + stored);
        }
        return stored.sopInstanceUid();
    }
}
