package com.radrelay.ingest.upload;

import com.radrelay.archive.StoreBatch;
import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.dicom.web.MultipartReader;
import com.radrelay.ingest.UploadReport;
import com.radrelay.ingest.UploadReport.Entry;
import com.radrelay.ingest.UploadReport.Outcome;
import com.radrelay.ingest.inflation.InflationBudget;
import com.radrelay.tenancy.TenantId;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Finds the DICOM files in one uploaded file (the file itself, or the files of a zip archive read as a stream) and
 * hands them to the archive's store path. Everything else is listed as skipped, never an error for the whole upload.
 */
final class UploadUnpacking {

    private static final int BUFFER = 64 * 1024;
    // RFC 2046's boundary characters (the space excluded).
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,./:=?-]{1,70}");
    private static final int MAX_NAME = 1024;

    private final StoreBatch batch;
    private final TenantId clinic;
    private final String source;
    private final UploadSettings settings;
    private final List<CompletableFuture<Entry>> entries = new ArrayList<>();

    UploadUnpacking(StoreBatch batch, TenantId clinic, String source, UploadSettings settings) {
        this.batch = batch;
        this.clinic = clinic;
        this.source = source;
        this.settings = settings;
    }

    /** The outcome of each file found, in the order found; each completes once stored or refused. */
    List<CompletableFuture<Entry>> unpack(String fileName, InputStream in) throws IOException {
        file(fileName, new BufferedInputStream(in, BUFFER), true);
        return entries;
    }

    /**
     * The files of a bundle: the upload page packs a folder's small files into one upload, a multipart body whose
     * parts each carry one file and its path (Content-Location). One upload instead of one per file saves the
     * per-upload round trips that dominate a folder of half-megabyte slices.
     */
    List<CompletableFuture<Entry>> unpackBundle(String name, String boundary, InputStream in) throws IOException {
        if (!BOUNDARY.matcher(boundary).matches()) {
            refuse(name, "not a bundle of files as the upload page makes them (its boundary is not valid)");
            return entries;
        }
        MultipartReader parts = new MultipartReader(in, boundary);
        int files = 0;
        try {
            MultipartReader.Part part;
            while ((part = parts.next()) != null) {
                if (++files > settings.maxZipFiles()) {
                    refuse(name, "holds more than " + settings.maxZipFiles() + " files: the rest were not opened");
                    return entries;
                }
                file(partName(part, name, files), new BufferedInputStream(part.body(), BUFFER), true);
            }
        } catch (IOException e) {
            // What was stored before the damage stays stored and listed.
            refuse(name, "the bundle of files is damaged (" + e.getMessage() + "); upload the files again");
        }
        return entries;
    }

    private static String partName(MultipartReader.Part part, String bundle, int index) {
        String location = part.headers().get("content-location");
        String decoded = null;
        if (location != null) {
            try {
                decoded = URLDecoder.decode(location, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "");
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
        }
        if (decoded == null || decoded.isBlank()) {
            return bundle + " › file " + index;
        }
        return decoded.length() > MAX_NAME ? decoded.substring(0, MAX_NAME) : decoded;
    }

    private void file(String name, BufferedInputStream in, boolean mayBeZip) throws IOException {
        if (baseName(name).equalsIgnoreCase("DICOMDIR")) {
            skip(name, "DICOMDIR, the index of a CD: the images it lists are their own files");
            return;
        }
        switch (Contents.of(in)) {
            case DICOM -> entries.add(batch.add(new StoreRequest.File(clinic, in, source, null))
                    .thenApply(result -> entry(name, result)));
            case ZIP -> {
                if (mayBeZip) {
                    zip(name, in);
                } else {
                    skip(name, "a zip archive inside a zip archive is not opened");
                }
            }
            case OTHER -> skip(name, "not a DICOM file");
        }
    }

    private void zip(String name, InputStream in) throws IOException {
        InflationBudget budget = new InflationBudget(in, settings.maxZipRatio(), settings.maxZipUnpacked().toBytes(),
                "zip");
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(budget.packed())) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String entryName = name + " › " + e.getName();
                if (++files > settings.maxZipFiles()) {
                    refuse(name, "holds more than " + settings.maxZipFiles() + " files: the rest were not opened");
                    return;
                }
                BufferedInputStream entry = new BufferedInputStream(budget.unpacked(zip), BUFFER);
                if (unsafePath(e.getName())) {
                    refuse(entryName, "unsafe path in the zip archive (absolute, or climbing with ..)");
                    entry.transferTo(OutputStream.nullOutputStream());
                    continue;
                }
                file(entryName, entry, false);
                if (budget.exceeded()) {
                    refuse(name, budget.reason());
                    return;
                }
                // What was skipped is still inflated, through the budget, so a bomb cannot hide in it.
                entry.transferTo(OutputStream.nullOutputStream());
            }
        } catch (InflationBudget.Exceeded ex) {
            refuse(name, ex.getMessage());
        } catch (ZipException ex) {
            refuse(name, "a damaged zip archive, or one using a feature not supported (" + ex.getMessage() + ")");
        }
    }

    private void skip(String name, String reason) {
        entries.add(CompletableFuture.completedFuture(new Entry(name, Outcome.SKIPPED, reason, null)));
    }

    private void refuse(String name, String reason) {
        entries.add(CompletableFuture.completedFuture(new Entry(name, Outcome.REJECTED, reason, null)));
    }

    private static Entry entry(String name, StoreResult result) {
        return switch (result) {
            case StoreResult.Stored s -> new Entry(name, Outcome.STORED, null, s.studyInstanceUid());
            case StoreResult.Duplicate d -> new Entry(name, Outcome.DUPLICATE, "already stored", d.studyInstanceUid());
            case StoreResult.Rejected r -> new Entry(name, Outcome.REJECTED, r.reason(), null);
            case StoreResult.Failed f -> new Entry(name, Outcome.FAILED, f.reason() + "; upload it again", null);
        };
    }

    static boolean unsafePath(String path) {
        String p = path.replace('\\', '/');
        return p.startsWith("/") || p.matches("^[A-Za-z]:.*") || Arrays.asList(p.split("/")).contains("..");
    }

    private static String baseName(String name) {
        String p = name.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** What a file holds, told by its first bytes. */
    enum Contents {
        DICOM, ZIP, OTHER;

        static Contents of(BufferedInputStream in) throws IOException {
            in.mark(132);
            byte[] head = in.readNBytes(132);
            in.reset();
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return ZIP;
            }
            if (head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
                return DICOM;
            }
            // Files written without the Part-10 preamble still start with a group 0002 or 0008 element; the archive
            // then says what is missing.
            if (head.length >= 8 && (head[0] == 2 || head[0] == 8) && head[1] == 0) {
                return DICOM;
            }
            return OTHER;
        }
    }
}
