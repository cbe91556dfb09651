package com.radrelay.production;

import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;

/**
 * {@code java -jar radrelay.jar migrate}: applies the database migrations with the schema owner's credentials
 * ({@code spring.flyway.user}, {@code RADRELAY_DB_ADMIN_USER} / {@code RADRELAY_DB_ADMIN_PASSWORD}) and exits. Only
 * Flyway starts: no door opens, no other bean is made. In production the application itself never migrates, so it
 * never holds the owner's credentials. Not a component: the application's own scan must not pick it up.
 */
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
public class Migrate {

    static final String MIGRATING = "radrelay.production.migrating";

    public static void run(String... args) {
        String[] all = Stream.concat(Arrays.stream(args),
                Stream.of("--spring.flyway.enabled=true", "--" + MIGRATING + "=true")).toArray(String[]::new);
        new SpringApplicationBuilder(Migrate.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .run(all).close();
    }
}
