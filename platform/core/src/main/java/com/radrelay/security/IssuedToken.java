package com.radrelay.security;

import java.util.UUID;

/** A newly issued token with its secret, which exists only in this object and is never shown again. */
public record IssuedToken(UUID id, String name, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + id + ", " + name + "]";
    }
}
