package com.radrelay.tenancy;

import java.util.UUID;

/** Identifies a clinic; the value every tenant-owned row, object key and cache key carries. */
public record TenantId(UUID value) {

    public TenantId {
        if (value == null) {
            throw new IllegalArgumentException("tenant id is required");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
