package com.radrelay.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Age bands are taken at the study's date and never guessed. */
class SubgroupsTests {

    @Test
    void theBandIsTheAgeOnTheDayOfTheStudy() {
        assertThat(Subgroups.ageBand("20081205", "20261204")).isEqualTo("0-17");
        assertThat(Subgroups.ageBand("20081204", "20261204")).isEqualTo("18-39");
        assertThat(Subgroups.ageBand("19680312", "20261204")).isEqualTo("40-64");
        assertThat(Subgroups.ageBand("19611204", "20261204")).isEqualTo("65+");
    }

    @Test
    void missingOrUnreadableDatesGiveNoBand() {
        assertThat(Subgroups.ageBand(null, "20261204")).isNull();
        assertThat(Subgroups.ageBand("1968", "20261204")).isNull();
        assertThat(Subgroups.ageBand("20300101", "20261204")).as("born after the study").isNull();
    }
}
