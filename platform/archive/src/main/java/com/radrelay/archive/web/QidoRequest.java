package com.radrelay.archive.web;

import com.radrelay.archive.QueryLevel;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.ElementDictionary;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dcm4che3.util.TagUtils;

/**
 * A QIDO-RS request's parameters (PS3.18 8.3.4): matching keys by keyword or tag, {@code includefield},
 * {@code limit} and {@code offset}. Turned into the same key data set a C-FIND carries.
 */
record QidoRequest(Attributes keys, Set<Integer> includeFields, boolean includeAll, int offset, int limit) {

    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> CONTROL = Set.of("limit", "offset", "includefield", "fuzzymatching", "orderby");

    static QidoRequest parse(Map<String, String[]> params, int maxLimit) {
        Attributes keys = new Attributes();
        Set<Integer> include = new LinkedHashSet<>();
        boolean all = false;
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            String name = p.getKey();
            if (name.equalsIgnoreCase("includefield")) {
                for (String v : p.getValue()) {
                    for (String field : v.split(",")) {
                        if (field.strip().equalsIgnoreCase("all")) {
                            all = true;
                        } else if (!field.isBlank()) {
                            include.add(tag(field.strip()));
                        }
                    }
                }
            } else if (!CONTROL.contains(name.toLowerCase())) {
                int tag = tag(name);
                VR vr = ElementDictionary.vrOf(tag, null);
                if (vr == VR.SQ) {
                    throw new IllegalArgumentException("matching on sequence attribute " + name + " is not supported");
                }
                String[] values = Arrays.stream(p.getValue())
                        .flatMap(v -> vr == VR.UI || tag == Tag.ModalitiesInStudy ? Arrays.stream(v.split(",")) : Arrays.stream(new String[] {v}))
                        .toArray(String[]::new);
                keys.setString(tag, vr, values);
            }
        }
        int offset = intParam(params, "offset", 0);
        int limit = Math.min(intParam(params, "limit", DEFAULT_LIMIT), maxLimit);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        return new QidoRequest(keys, include, all, offset, limit);
    }

    /** Return keys: the defaults of PS3.18 table 6.7.1-2 for the level, the matching keys and includefield. */
    int[] returnTags(QueryLevel level, boolean scopedToStudy, boolean scopedToSeries) {
        Set<Integer> tags = new LinkedHashSet<>();
        if (level == QueryLevel.STUDY || !scopedToStudy) {
            tags.addAll(List.of(Tag.SpecificCharacterSet, Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber,
                    Tag.InstanceAvailability, Tag.ModalitiesInStudy, Tag.ReferringPhysicianName,
                    Tag.TimezoneOffsetFromUTC, Tag.RetrieveURL, Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate,
                    Tag.PatientSex, Tag.StudyInstanceUID, Tag.StudyID, Tag.NumberOfStudyRelatedSeries,
                    Tag.NumberOfStudyRelatedInstances));
            if (level != QueryLevel.STUDY) {
                tags.removeAll(List.of(Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedSeries,
                        Tag.NumberOfStudyRelatedInstances, Tag.InstanceAvailability, Tag.RetrieveURL));
            }
        }
        if (level == QueryLevel.SERIES || (level == QueryLevel.IMAGE && !scopedToSeries)) {
            tags.addAll(List.of(Tag.SpecificCharacterSet, Tag.Modality, Tag.TimezoneOffsetFromUTC,
                    Tag.SeriesDescription, Tag.SeriesInstanceUID, Tag.SeriesNumber,
                    Tag.PerformedProcedureStepStartDate, Tag.PerformedProcedureStepStartTime,
                    Tag.RequestAttributesSequence));
            if (level == QueryLevel.SERIES) {
                tags.addAll(List.of(Tag.NumberOfSeriesRelatedInstances, Tag.RetrieveURL, Tag.InstanceAvailability));
            }
        }
        if (level == QueryLevel.IMAGE) {
            tags.addAll(List.of(Tag.SpecificCharacterSet, Tag.SOPClassUID, Tag.SOPInstanceUID,
                    Tag.InstanceAvailability, Tag.TimezoneOffsetFromUTC, Tag.RetrieveURL, Tag.InstanceNumber, Tag.Rows,
                    Tag.Columns, Tag.BitsAllocated, Tag.NumberOfFrames));
        }
        for (int tag : keys.tags()) {
            tags.add(tag);
        }
        tags.addAll(includeFields);
        return tags.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int intParam(Map<String, String[]> params, String name, int fallback) {
        String[] v = params.get(name);
        if (v == null || v.length == 0 || v[0].isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + v[0] + "'");
        }
    }

    /** A keyword (PatientName) or a tag in hex (00100010). */
    static int tag(String name) {
        if (name.matches("[0-9A-Fa-f]{8}")) {
            return TagUtils.intFromHexString(name);
        }
        if (name.contains(".")) {
            throw new IllegalArgumentException("attribute paths such as " + name + " are not supported");
        }
        int tag = ElementDictionary.tagForKeyword(name, null);
        if (tag == -1) {
            throw new IllegalArgumentException("unknown attribute: " + name);
        }
        return tag;
    }
}
