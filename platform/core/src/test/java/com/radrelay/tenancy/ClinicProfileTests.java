package com.radrelay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicProfileTests {

    @Test
    void blankFieldsAreLeftOutAndLanguagesAreLowerCaseCodes() {
        ClinicProfile profile = new ClinicProfile(" Lakeside ", " ", "Amina", "", null, "URGENT", List.of("EN", "sw",
                "en"));
        assertThat(profile.name()).isEqualTo("Lakeside");
        assertThat(profile.address()).isNull();
        assertThat(profile.contactPhone()).isNull();
        assertThat(profile.languages()).containsExactly("en", "sw");
    }

    @Test
    void badValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> new ClinicProfile(" ", null, null, null, null, "ROUTINE", List.of()))
                .hasMessage("clinic name is required");
        assertThatThrownBy(() -> new ClinicProfile("C", null, null, null, "nobody", "ROUTINE", List.of()))
                .hasMessageContaining("is not an e-mail address");
        assertThatThrownBy(() -> new ClinicProfile("C", null, null, null, null, "SOON", List.of()))
                .hasMessageContaining("default priority must be one of");
        assertThatThrownBy(() -> new ClinicProfile("C", null, null, null, null, "STAT", List.of("english")))
                .hasMessageContaining("not a two-letter language code");
    }
}
