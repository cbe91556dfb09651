package com.radrelay.tenancy.db;

import com.radrelay.tenancy.TenantTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The JDBC-only counterpart of {@link TenantTransactionManager} for hot paths that use no JPA (storing and
 * querying the archive): each transaction sets the tenant its definition names, without opening a Hibernate
 * session. A transaction that names none sees no tenant's rows.
 */
class TenantJdbcTransactionManager extends DataSourceTransactionManager {

    TenantJdbcTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        try (PreparedStatement ps = con.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
            ps.setString(1, definition instanceof TenantTransaction t ? t.tenant().toString() : "");
            ps.execute();
        }
    }
}
