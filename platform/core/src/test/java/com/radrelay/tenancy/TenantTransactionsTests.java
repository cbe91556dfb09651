package com.radrelay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.storage.ObjectKey;
import com.radrelay.storage.ObjectStore;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A transaction works for the tenant it is given, row-level security included, and for no other. */
@IntegrationTest
class TenantTransactionsTests {

    @Autowired TenantJdbcTransactions jdbcTx;
    @Autowired TenantTransactions jpaTx;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectStore objects;
    @Autowired TenantDirectory directory;

    TenantId clinicA;
    TenantId clinicB;

    @BeforeEach
    void twoClinicsWithADataKeyEach() throws Exception {
        clinicA = Clinics.ruralClinic(directory).id();
        clinicB = Clinics.ruralClinic(directory).id();
        for (TenantId clinic : new TenantId[] {clinicA, clinicB}) {
            objects.put(new ObjectKey(clinic, "k/x"), new ByteArrayInputStream(new byte[] {1}));
        }
    }

    @Test
    void aTransactionSeesTheRowsOfTheTenantItIsGivenOnly() {
        for (var tx : new TenantScoped[] {jdbcTx::execute, jpaTx::execute}) {
            assertThat(tx.run(clinicA, () -> keysOf(clinicA))).isEqualTo(1);
            assertThat(tx.run(clinicA, () -> keysOf(clinicB))).as("clinic B's key, from clinic A").isZero();
            assertThat(tx.run(clinicB, () -> keysOf(clinicB))).isEqualTo(1);
        }
    }

    @Test
    void workOfAnotherTenantIsRefusedInsideATransactionAndWorkOfTheSameOneJoinsIt() {
        assertThatThrownBy(() -> jdbcTx.execute(clinicA, () -> jdbcTx.execute(clinicB, () -> keysOf(clinicB))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot do work of " + clinicB);
        assertThatThrownBy(() -> jdbcTx.execute(clinicA, () -> jpaTx.execute(clinicB, () -> 0)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbcTx.execute(clinicA, () -> jdbcTx.execute(clinicA, () -> keysOf(clinicA)))).isEqualTo(1);
    }

    @Test
    void aTransactionOfItsOwnMayBeOpenedForAnotherTenant() {
        assertThat(jdbcTx.execute(clinicA, () -> jdbcTx.executeAlone(clinicB, () -> keysOf(clinicB)))).isEqualTo(1);
    }

    private int keysOf(TenantId tenant) {
        return jdbc.queryForObject("select count(*) from tenant_keys where tenant_id = ?", Integer.class,
                tenant.value());
    }

    private interface TenantScoped {
        <T> T run(TenantId tenant, java.util.function.Supplier<T> work);
    }
}
