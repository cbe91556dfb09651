package com.radrelay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.tenancy.TenantId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ObjectKeyTests {

    final TenantId tenant = TenantId.random();

    @Test
    void aKeyIsNamedUnderItsTenantAndParsesBackToItself() {
        ObjectKey key = new ObjectKey(tenant, "studies/1.2/series/3.4/5.6-ab12.dcm");
        assertThat(key.name()).isEqualTo("tenants/" + tenant + "/studies/1.2/series/3.4/5.6-ab12.dcm");
        assertThat(ObjectKey.parse(key.name())).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a/../b", "..", "../x", "a//b", "a/", "./a", "a/./b", "a\\b", "a\nb"})
    void pathsThatCouldLeaveTheTenantsFolderAreRefused(String path) {
        assertThatThrownBy(() -> new ObjectKey(tenant, path)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"studies/x", "tenants/", "tenants/not-a-uuid/x", "tenants/0f0f"})
    void namesThatAreNoTenantsKeyAreRefused(String name) {
        assertThatThrownBy(() -> ObjectKey.parse(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dotsInsideNamesAreFine() {
        assertThat(new ObjectKey(tenant, "studies/1.2.840/a..b.dcm").path()).isEqualTo("studies/1.2.840/a..b.dcm");
    }
}
