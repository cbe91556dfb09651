package com.radrelay.storage;

/** A stored object: its bucket key, plaintext size and the SHA-256 of its plaintext (hex). */
public record StoredObject(String key, long size, String sha256) {
}
