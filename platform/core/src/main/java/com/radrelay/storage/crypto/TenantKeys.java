package com.radrelay.storage.crypto;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each tenant's data keys (envelope encryption): created on first use, stored wrapped by the master key in a
 * table under row-level security, cached unwrapped in memory per tenant. Dropping a tenant's keys makes all its
 * objects unreadable (crypto-shredding). Keys are rotated: a new one encrypts new objects, retired ones still read
 * the old. Each row records which master wrapped it, so a new master (or KMS) can take over while the previous one
 * still unwraps what it wrapped, until {@link #rewrap()} has moved every row.
 */
public final class TenantKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(TenantKeys.class);
    /** Rows written before wrappers were recorded: wrapped by a local master key. */
    private static final String LEGACY_LOCAL = "local";
    /** How long a node keeps using the current key it knows before it looks again (another node may rotate it). */
    private static final Duration CURRENT_FOR = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final TenantJdbcTransactions tx;
    private final KeyWrapper master;
    private final List<KeyWrapper> previous;
    private final Clock clock;
    private final Map<TenantId, Map<UUID, DataKey>> cache = new ConcurrentHashMap<>();
    private final Map<TenantId, Current> current = new ConcurrentHashMap<>();

    private record Current(DataKey key, Instant until) {
    }

    public TenantKeys(JdbcTemplate jdbc, TenantJdbcTransactions tx, KeyWrapper master, List<KeyWrapper> previous,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.master = master;
        this.previous = previous;
        this.clock = clock;
    }

    /** The key new objects of this tenant are encrypted with. */
    public DataKey current(TenantId tenant) {
        Instant now = clock.instant();
        return current.compute(tenant, (t, known) -> known != null && known.until().isAfter(now) ? known
                : new Current(loadCurrent(t), now.plus(CURRENT_FOR))).key();
    }

    private DataKey loadCurrent(TenantId tenant) {
        // A transaction of its own: a key must exist once an object is encrypted with it, whatever the caller's
        // transaction does later.
        return tx.executeAlone(tenant, () -> {
            jdbc.update("insert into tenant_keys (id, tenant_id, wrapped_key, wrapped_by, created_at) "
                    + "values (?, ?, ?, ?, now()) on conflict (tenant_id) where retired_at is null do nothing",
                    newKeyRow(tenant));
            return load(tenant, jdbc.queryForList("select id from tenant_keys where retired_at is null", UUID.class)
                    .getFirst());
        });
    }

    /** The key an object's header names; only the object's own tenant can find it. */
    public DataKey byId(TenantId tenant, UUID keyId) {
        DataKey cached = cache.getOrDefault(tenant, Map.of()).get(keyId);
        if (cached != null) {
            return cached;
        }
        return tx.executeAlone(tenant, () -> load(tenant, keyId));
    }

    /** Retires the tenant's current key and makes a new one for the objects written from now on. */
    public UUID rotate(TenantId tenant) {
        UUID id = tx.executeAlone(tenant, () -> {
            jdbc.update("update tenant_keys set retired_at = now() where retired_at is null");
            Object[] row = newKeyRow(tenant);
            jdbc.update("insert into tenant_keys (id, tenant_id, wrapped_key, wrapped_by, created_at) "
                    + "values (?, ?, ?, ?, now())", row);
            return (UUID) row[0];
        });
        current.remove(tenant);
        return id;
    }

    /** The tenants whose current key is older than {@code age}. */
    public List<TenantId> dueForRotation(Duration age) {
        return jdbc.queryForList("select tenant_id from tenant_keys_due(?)", UUID.class,
                Timestamp.from(clock.instant().minus(age))).stream().map(TenantId::new).toList();
    }

    /**
     * Wraps with the current master every data key that a previous one wrapped; returns how many it moved. Keys
     * wrapped by a master this node does not know are left as they are.
     */
    public int rewrap() {
        List<String> replaced = new ArrayList<>(previous.stream().map(KeyWrapper::id).toList());
        if (wrappers().stream().anyMatch(w -> w instanceof MasterKey)) {
            replaced.add(LEGACY_LOCAL);
        }
        replaced.remove(master.id());
        if (replaced.isEmpty()) {
            return 0;
        }
        int moved = 0;
        for (UUID t : jdbc.queryForList("select tenant_id from tenant_keys_wrapped_by(?)", UUID.class,
                (Object) replaced.toArray(String[]::new))) {
            moved += tx.executeAlone(new TenantId(t), () -> {
                int n = 0;
                for (Map<String, Object> row : jdbc.queryForList("select id, wrapped_key, wrapped_by from tenant_keys "
                        + "where wrapped_by = any (?)", (Object) replaced.toArray(String[]::new))) {
                    UUID keyId = (UUID) row.get("id");
                    String wrappedBy = (String) row.get("wrapped_by");
                    byte[] raw;
                    try {
                        raw = unwrap(wrappedBy, (byte[]) row.get("wrapped_key"), t, keyId);
                    } catch (IllegalStateException e) {
                        log.warn("Data key {} of {} stays as it is: {}", keyId, t, e.getMessage());
                        continue;
                    }
                    n += jdbc.update("update tenant_keys set wrapped_key = ?, wrapped_by = ? where id = ? "
                            + "and wrapped_by = ?", master.wrap(raw, t, keyId), master.id(), keyId, wrappedBy);
                }
                return n;
            });
        }
        return moved;
    }

    private Object[] newKeyRow(TenantId tenant) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        UUID id = UUID.randomUUID();
        return new Object[] {id, tenant.value(), master.wrap(raw, tenant.value(), id), master.id()};
    }

    private DataKey load(TenantId tenant, UUID keyId) {
        List<Map<String, Object>> rows = jdbc.queryForList("select wrapped_key, wrapped_by from tenant_keys "
                + "where id = ?", keyId);
        Map<String, Object> row = Optional.ofNullable(rows.isEmpty() ? null : rows.getFirst()).orElseThrow(() ->
                new IllegalStateException("data key " + keyId + " does not belong to tenant " + tenant));
        byte[] raw = unwrap((String) row.get("wrapped_by"), (byte[]) row.get("wrapped_key"), tenant.value(), keyId);
        DataKey key = new DataKey(keyId, new SecretKeySpec(raw, "AES"));
        cache.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(keyId, key);
        return key;
    }

    private byte[] unwrap(String wrappedBy, byte[] wrapped, UUID tenant, UUID keyId) {
        if (wrappedBy.equals(LEGACY_LOCAL)) {
            // Which local key wrapped it was not recorded: the first local one that authenticates it did.
            IllegalStateException failure = null;
            for (KeyWrapper w : wrappers()) {
                if (w instanceof MasterKey) {
                    try {
                        return w.unwrap(wrapped, tenant, keyId);
                    } catch (IllegalStateException e) {
                        failure = e;
                    }
                }
            }
            throw failure != null ? failure : new IllegalStateException("data key " + keyId + " was wrapped by a "
                    + "local master key and none is configured (radrelay.storage.previous-master-key)");
        }
        return wrappers().stream().filter(w -> w.id().equals(wrappedBy)).findFirst()
                .orElseThrow(() -> new IllegalStateException("data key " + keyId + " was wrapped by " + wrappedBy
                        + ", which is neither the master key nor a previous one"))
                .unwrap(wrapped, tenant, keyId);
    }

    private List<KeyWrapper> wrappers() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(master), previous.stream()).toList();
    }
}
