package com.radrelay.onboarding;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The append-only history of each application (the audit log holds the same steps, chained). */
@Component
class Decisions {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Decisions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(UUID application, String actor, String action, @Nullable String note) {
        jdbc.update("insert into onboarding_decisions (application_id, decided_at, actor, action, note) "
                + "values (?, ?, ?, ?, ?)", application, Timestamp.from(clock.instant()), actor, action, note);
    }

    List<Decision> of(UUID application) {
        return jdbc.query("select decided_at, actor, action, note from onboarding_decisions where application_id = ? "
                + "order by id", (rs, i) -> new Decision(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4)), application);
    }
}
