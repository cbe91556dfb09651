package com.radrelay.ingest;

import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.ingest.photo.PhotoObjects;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Clinical photographs (dermatology, wound care, eye) from a phone, wrapped as DICOM VL Photographic Image objects
 * in a new study or the patient's existing one, and stored through the archive's one store path: from there they
 * flow like any study (StudyReceived, AI, reading).
 */
@Service
public class ClinicalPhotos {

    private final StudyArchive archive;

    ClinicalPhotos(StudyArchive archive) {
        this.archive = archive;
    }

    /** Who is photographed. Dates as DICOM DA text ({@code 19800131}), sex M, F or O. */
    public record Patient(String familyName, String givenName, String patientId, @Nullable String birthDate,
            @Nullable String sex) {
    }

    /** A body site a photo shows, with its SNOMED CT code. */
    public record BodySite(String code, String meaning) {
    }

    /** The photos of one visit: JPEG files as the camera wrote them, with the site, a note and who took them. */
    public record Visit(Patient patient, BodySite site, String note, List<byte[]> jpegs, String takenBy,
            @Nullable StudyUid intoStudy, Instant at) {
    }

    /** The study the photos went into, and what became of each photo, in order. */
    public record Outcome(StudyUid study, List<StoreResult> photos) {
    }

    /**
     * Wraps and stores the photos of a visit.
     *
     * @throws IllegalArgumentException with a message for the person taking them, when the visit is incomplete or a
     *     file is not a JPEG photo
     */
    public Outcome store(TenantId clinic, Visit visit) {
        if (visit.patient().familyName().isBlank() || visit.patient().patientId().isBlank()) {
            throw new IllegalArgumentException("Enter the patient's family name and ID, or choose an existing patient");
        }
        if (visit.jpegs().isEmpty()) {
            throw new IllegalArgumentException("Take or choose at least one photo");
        }
        PhotoObjects photos = new PhotoObjects(visit);
        List<StoreResult> results = new ArrayList<>();
        for (byte[] jpeg : visit.jpegs()) {
            byte[] part10 = photos.next(jpeg);
            results.add(archive.store(new StoreRequest.File(clinic, new ByteArrayInputStream(part10),
                    "photo:" + visit.takenBy(), photos.study())));
        }
        return new Outcome(photos.study(), results);
    }
}
