package com.radrelay.storage.crypto;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each tenant's data keys (envelope encryption): created on first use, stored wrapped by the master key in a
 * table under row-level security, cached unwrapped in memory per tenant. Dropping a tenant's keys makes all its
 * objects unreadable (crypto-shredding).
 */
public final class TenantKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TenantJdbcTransactions tx;
    private final MasterKey master;
    private final Map<TenantId, Map<UUID, DataKey>> cache = new ConcurrentHashMap<>();
    private final Map<TenantId, DataKey> current = new ConcurrentHashMap<>();

    public TenantKeys(JdbcTemplate jdbc, TenantJdbcTransactions tx, MasterKey master) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.master = master;
    }

    /** The key new objects of this tenant are encrypted with. */
    public DataKey current(TenantId tenant) {
        // A transaction of its own: a key must exist once an object is encrypted with it, whatever the caller's
        // transaction does later.
        return current.computeIfAbsent(tenant, t -> tx.executeAlone(t, () -> {
            jdbc.update("insert into tenant_keys (id, tenant_id, wrapped_key, created_at) values (?, ?, ?, now()) "
                    + "on conflict (tenant_id) where retired_at is null do nothing",
                    newKeyRow(t));
            return load(t, jdbc.queryForList("select id from tenant_keys where retired_at is null", UUID.class)
                    .getFirst());
        }));
    }

    /** The key an object's header names; only the object's own tenant can find it. */
    public DataKey byId(TenantId tenant, UUID keyId) {
        DataKey cached = cache.getOrDefault(tenant, Map.of()).get(keyId);
        if (cached != null) {
            return cached;
        }
        return tx.executeAlone(tenant, () -> load(tenant, keyId));
    }

    private Object[] newKeyRow(TenantId tenant) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        UUID id = UUID.randomUUID();
        return new Object[] {id, tenant.value(), master.wrap(raw, tenant.value(), id)};
    }

    private DataKey load(TenantId tenant, UUID keyId) {
        List<byte[]> wrapped = jdbc.queryForList("select wrapped_key from tenant_keys where id = ?", byte[].class, keyId);
        byte[] raw = Optional.ofNullable(wrapped.isEmpty() ? null : wrapped.getFirst()).orElseThrow(() ->
                new IllegalStateException("data key " + keyId + " does not belong to tenant " + tenant));
        DataKey key = new DataKey(keyId, new SecretKeySpec(master.unwrap(raw, tenant.value(), keyId), "AES"));
        cache.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(keyId, key);
        return key;
    }
}
