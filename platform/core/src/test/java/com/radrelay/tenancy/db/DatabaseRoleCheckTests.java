package com.radrelay.tenancy.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.testing.IntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@IntegrationTest
class DatabaseRoleCheckTests {

    @Autowired DataSource app;

    @Test
    void theApplicationsRolePasses() {
        assertThat(new DatabaseRoleCheck(app).problems()).isEmpty();
    }

    @Test
    void theSchemaOwnerIsRefusedWithWhatIsWrong() {
        DataSource owner = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/radrelay_test", "postgres", "");
        assertThatThrownBy(() -> new DatabaseRoleCheck(owner).afterSingletonsInstantiated())
                .hasMessageContaining("The database role postgres must not be used")
                .hasMessageContaining("is a superuser").hasMessageContaining("has BYPASSRLS")
                .hasMessageContaining("owns");
    }
}
