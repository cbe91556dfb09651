package com.radrelay.storage;

/** A stored object: its bucket key and plaintext size. */
public record StoredObject(String key, long size) {
}
