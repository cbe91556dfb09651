package com.radrelay.archive;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner's statistics of the index current after large loads, as autovacuum would: once a tenth
 * of the rows (at least a thousand) changed since the last ANALYZE. Searches over a freshly loaded archive
 * would otherwise be planned as if it were empty.
 */
@Component
class IndexStatistics {

    private static final Logger log = LoggerFactory.getLogger(IndexStatistics.class);

    private final JdbcTemplate jdbc;

    IndexStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void refreshWhenStale() {
        Map<String, Object> counts = jdbc.queryForMap("select coalesce(sum(n_mod_since_analyze), 0) as changed, "
                + "coalesce(sum(n_live_tup), 0) as live from pg_stat_user_tables "
                + "where relname in ('studies', 'series', 'instances')");
        long changed = ((Number) counts.get("changed")).longValue();
        long live = ((Number) counts.get("live")).longValue();
        if (changed >= Math.max(1000, live / 10)) {
            long started = System.nanoTime();
            jdbc.execute("select archive_refresh_statistics()");
            log.info("Refreshed index statistics after {} changed rows ({} ms)", changed,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
