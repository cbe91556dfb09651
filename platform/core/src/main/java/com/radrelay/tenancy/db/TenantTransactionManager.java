package com.radrelay.tenancy.db;

import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantTransaction;
import com.radrelay.tenancy.TenantTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.util.Optional;
import org.hibernate.Session;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Opens every transaction with its tenant in {@code app.tenant_id}, transaction-local, so PostgreSQL's row-level
 * security policies see the same tenant as Hibernate; pooled connections keep nothing. The tenant is the one a
 * {@link TenantTransaction} names, else the one of the named transaction this thread is in, else the current one.
 */
class TenantTransactionManager extends JpaTransactionManager {

    TenantTransactionManager(EntityManagerFactory emf) {
        super(emf);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        String tenant = (definition instanceof TenantTransaction t ? Optional.of(t.tenant())
                : TenantTransactions.active().or(CurrentTenant::get)).map(Object::toString).orElse("");
        EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(obtainEntityManagerFactory());
        if (em == null) {
            throw new IllegalStateException("no transactional EntityManager after begin");
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                ps.setString(1, tenant);
                ps.execute();
            }
        });
    }
}
