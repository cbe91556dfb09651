package com.radrelay;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/** Production classes only: leaves out test classes, also those that arrive in platform/core's test jar. */
final class ProductionCode implements ImportOption {

    private static final ImportOption NOT_TESTS = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return NOT_TESTS.includes(location) && !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));
    }
}
