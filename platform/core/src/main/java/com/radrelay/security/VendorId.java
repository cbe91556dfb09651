package com.radrelay.security;

import java.util.UUID;

/** Names an AI vendor company. */
public record VendorId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
