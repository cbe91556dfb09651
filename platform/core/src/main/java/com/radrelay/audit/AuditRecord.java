package com.radrelay.audit;

import java.time.Instant;

/** A stored audit row: the event, its position in the chain, and the chain hashes. */
public record AuditRecord(long seq, Instant at, AuditEvent event, String previousHash, String hash) {
}
