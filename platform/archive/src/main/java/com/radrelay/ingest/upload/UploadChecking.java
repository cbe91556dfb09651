package com.radrelay.ingest.upload;

import com.radrelay.archive.StudyArchive;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.ingest.BrowserUploads;
import com.radrelay.ingest.UploadReport.Entry;
import com.radrelay.ingest.UploadReport.Outcome;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.upload.UploadInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks each completed upload once, in the background: its DICOM files go through the archive's store path, and
 * its report lists every file. The uploaded data is deleted only after the report is written, so a check that a
 * restart interrupts runs again when the application is back.
 */
@Component
class UploadChecking implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UploadChecking.class);
    /** The tus metadata key by which the upload page marks a bundle of files, with the multipart boundary. */
    static final String BUNDLE_BOUNDARY = "bundleBoundary";

    private final TusFileUploadService tus;
    private final UploadRecords records;
    private final StudyArchive archive;
    private final AuditLog audit;
    private final TenantDirectory clinics;
    private final UploadSettings settings;
    private final ExecutorService checks;

    UploadChecking(TusFileUploadService tus, UploadRecords records, StudyArchive archive, AuditLog audit,
            TenantDirectory clinics, UploadSettings settings) {
        this.tus = tus;
        this.records = records;
        this.archive = archive;
        this.audit = audit;
        this.clinics = clinics;
        this.settings = settings;
        this.checks = Executors.newFixedThreadPool(settings.checkingAtOnce(),
                Thread.ofPlatform().name("upload-check-", 0).daemon().factory());
    }

    static String owner(TenantId clinic, String uploader) {
        return clinic.value() + "/" + uploader;
    }

    /** After a request that added data: once the upload is complete, claims it and checks it. */
    void afterData(TenantId clinic, String uploader, String uploadUri) throws IOException {
        UploadInfo info = info(uploadUri, owner(clinic, uploader));
        if (info == null || info.isUploadInProgress()) {
            return;
        }
        String id = info.getId().toString();
        if (records.begin(clinic, id, uploader, fileName(info), info.getLength())) {
            checks.execute(() -> check(clinic, uploader, id));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeInterruptedChecks() {
        for (Tenant clinic : clinics.all()) {
            for (UploadRecords.Unfinished u : records.unfinished(clinic.id())) {
                log.info("Checking upload {} of {} again after a restart", u.id(), u.uploader());
                checks.execute(() -> check(clinic.id(), u.uploader(), u.id()));
            }
        }
    }

    private void check(TenantId clinic, String uploader, String id) {
        String uri = BrowserUploads.ENDPOINT + "/" + id;
        String owner = owner(clinic, uploader);
        String name = "upload " + id;
        try {
            UploadInfo info = info(uri, owner);
            if (info == null) {
                records.finish(clinic, id, List.of(new Entry(name, Outcome.FAILED,
                        "the uploaded data expired before it was checked; upload the file again", null)));
                return;
            }
            name = fileName(info);
            List<Entry> entries;
            String bundle = info.getMetadata().get(BUNDLE_BOUNDARY);
            try (InputStream in = tus.getUploadedBytes(uri, owner)) {
                UploadUnpacking unpacking =
                        new UploadUnpacking(archive.batch(), clinic, "upload:" + uploader, settings);
                List<CompletableFuture<Entry>> pending = bundle == null
                        ? unpacking.unpack(name, in)
                        : unpacking.unpackBundle(name, bundle, in);
                entries = pending.stream().map(CompletableFuture::join).toList();
            }
            records.finish(clinic, id, entries);
            tus.deleteUpload(uri, owner);
            long stored = entries.stream().filter(e -> e.outcome() == Outcome.STORED).count();
            long refused = entries.stream()
                    .filter(e -> e.outcome() == Outcome.REJECTED || e.outcome() == Outcome.FAILED).count();
            audit.record(new AuditEvent(clinic, uploader, "BROWSER_UPLOAD", "upload", id,
                    refused == 0 ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                    "files=" + entries.size() + " stored=" + stored + " refused=" + refused));
        } catch (IOException | TusException | RuntimeException e) {
            log.warn("Checking upload {} of {} failed", id, uploader, e);
            records.finish(clinic, id, List.of(new Entry(name, Outcome.FAILED,
                    "checking the file failed on our side; upload it again", null)));
        }
    }

    private @Nullable UploadInfo info(String uri, String owner) throws IOException {
        try {
            return tus.getUploadInfo(uri, owner);
        } catch (TusException e) {
            return null;
        }
    }

    private static String fileName(UploadInfo info) {
        String path = info.getMetadata().get("relativePath");
        if (path != null && !path.isBlank() && !path.equals("null")) {
            return path;
        }
        return info.getFileName() == null ? "upload " + info.getId() : info.getFileName();
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
