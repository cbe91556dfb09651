package com.radrelay.testing;

import com.radrelay.audit.AuditLog;
import com.radrelay.audit.AuditRecord;
import com.radrelay.tenancy.TenantId;
import java.util.Map;
import java.util.TreeMap;

/**
 * A clinic's audited reads summed up, whichever flush wrote them: "action actor object" to "requests/items" (items
 * are matches of a query, instances otherwise).
 */
public final class ReadAudits {

    private ReadAudits() {
    }

    public static Map<String, String> totals(AuditLog audit, TenantId clinic) {
        Map<String, long[]> sums = new TreeMap<>();
        for (AuditRecord r : audit.recent(clinic, 500)) {
            String detail = r.event().detail();
            if (detail == null || !detail.startsWith("door=")) {
                continue;
            }
            String[] fields = detail.split(" ");
            long[] sum = sums.computeIfAbsent(r.event().action() + " " + r.event().actor() + " "
                    + r.event().objectId(), k -> new long[2]);
            sum[0] += Long.parseLong(fields[1].substring(fields[1].indexOf('=') + 1));
            sum[1] += Long.parseLong(fields[2].substring(fields[2].indexOf('=') + 1));
        }
        Map<String, String> totals = new TreeMap<>();
        sums.forEach((k, v) -> totals.put(k, v[0] + "/" + v[1]));
        return totals;
    }
}
