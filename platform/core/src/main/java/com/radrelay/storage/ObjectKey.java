package com.radrelay.storage;

import com.radrelay.tenancy.TenantId;
import java.util.UUID;

/**
 * Names one object of one tenant: {@code tenants/{tenant}/{path}} in every provider. The tenant is part of the
 * key's type, so the prefix is built and checked in one place.
 */
public record ObjectKey(TenantId tenant, String path) {

    private static final String PREFIX = "tenants/";

    public ObjectKey {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")
                || path.contains("\\") || (path + "/").contains("../") || path.startsWith("./")
                || path.contains("/./") || path.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("invalid object path: " + path);
        }
    }

    /** The full name in the store, e.g. {@code tenants/<id>/studies/...}. */
    public String name() {
        return PREFIX + tenant + "/" + path;
    }

    /** The key a stored name denotes; fails unless the name is a tenant's key. */
    public static ObjectKey parse(String name) {
        int slash = name.indexOf('/', PREFIX.length());
        if (!name.startsWith(PREFIX) || slash < 0) {
            throw new IllegalArgumentException("not a tenant object name: " + name);
        }
        return new ObjectKey(new TenantId(UUID.fromString(name.substring(PREFIX.length(), slash))),
                name.substring(slash + 1));
    }

    @Override
    public String toString() {
        return name();
    }
}
