package com.radrelay.security;

/** A password that met the policy, already hashed: what an application keeps until its account exists. */
public record PasswordHash(String encoded) {

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
