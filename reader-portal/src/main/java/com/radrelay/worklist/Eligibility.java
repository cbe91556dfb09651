package com.radrelay.worklist;

import com.radrelay.security.RadiologistProfile;
import com.radrelay.workflow.ReadRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a radiologist may read a study: a valid licence for the clinic's region and every imaging modality in it,
 * and the subspecialty the clinic asked for, if it asked.
 */
final class Eligibility {

    // Objects that come with images but are not read themselves (reports, key images, presentation states, masks).
    private static final Set<String> NOT_READ = Set.of("SR", "KO", "PR", "SEG", "REG", "DOC");

    private Eligibility() {
    }

    static boolean subspecialtyFits(RadiologistProfile profile, @Nullable ReadRequest request) {
        return request == null || request.subspecialty() == null
                || profile.subspecialties().contains(request.subspecialty());
    }

    static boolean mayRead(RadiologistProfile profile, String region, List<String> modalities, LocalDate today) {
        List<String> read = modalities.stream().filter(m -> !NOT_READ.contains(m)).toList();
        return !read.isEmpty() && read.stream().allMatch(m -> profile.mayRead(region, m, today));
    }
}
