package com.radrelay.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** With nothing installed (forced here with "always"), the app brings its own PostgreSQL and Redis. */
@SpringBootTest(properties = {
        "radrelay.embedded.postgres=always",
        "radrelay.embedded.redis=always",
        "radrelay.embedded.data-dir=target/embedded-services-it"})
@ActiveProfiles("test")
class EmbeddedServicesIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired StringRedisTemplate redis;
    @Autowired LettuceConnectionFactory redisConnections;

    @Test
    void runsOnAnEmbeddedPostgresAsTheRestrictedApplicationRole() {
        assertThat(jdbc.queryForObject("select inet_server_port()", Integer.class)).isNotEqualTo(5432);
        assertThat(Path.of("target/embedded-services-it/postgres/PG_VERSION")).exists();
        Map<String, Object> role = jdbc.queryForMap(
                "select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user");
        assertThat(role).containsEntry("name", "radrelay_app").containsEntry("rolsuper", false)
                .containsEntry("rolbypassrls", false);
        assertThat(jdbc.queryForObject("select to_regclass('public.audit_log') is not null", Boolean.class))
                .as("migrations ran").isTrue();
    }

    @Test
    void runsOnAnEmbeddedRedis() {
        assertThat(redisConnections.getPort()).isNotEqualTo(6379);
        redis.opsForValue().set("rr:platform:embedded-check", "ok");
        assertThat(redis.opsForValue().get("rr:platform:embedded-check")).isEqualTo("ok");
    }
}
