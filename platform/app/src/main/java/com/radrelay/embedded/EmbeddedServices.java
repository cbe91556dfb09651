package com.radrelay.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import redis.embedded.RedisServer;

/**
 * Makes the platform run with nothing installed: for PostgreSQL and Redis, mode {@code auto} uses the
 * configured server when it answers and otherwise starts an embedded one (data under
 * {@code radrelay.embedded.data-dir}); {@code always} and {@code never} force the choice.
 */
class EmbeddedServices implements EnvironmentPostProcessor, Ordered {

    private static final String SOURCE = "radrelay-embedded-services";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE)) {
            return;
        }
        Map<String, Object> overrides = new HashMap<>();
        Path dataDir = Path.of(env.getProperty("radrelay.embedded.data-dir", "./data")).toAbsolutePath().normalize();
        String dbUrl = env.getProperty("spring.datasource.url");
        if (dbUrl != null && wanted(env, "postgres", hostPort(dbUrl))) {
            EmbeddedPostgres postgres = startPostgres(dataDir.resolve("postgres"));
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + URI.create(dbUrl.substring(5)).getPath();
            overrides.put("spring.datasource.url", url);
            overrides.put("spring.flyway.url", url);
            overrides.put("spring.flyway.user", "postgres");
            overrides.put("spring.flyway.password", "");
            application.addInitializers(stoppedLast("embeddedPostgres", postgres));
        }
        InetSocketAddress redisAddress = new InetSocketAddress(env.getProperty("spring.data.redis.host", "127.0.0.1"),
                env.getProperty("spring.data.redis.port", Integer.class, 6379));
        if (wanted(env, "redis", redisAddress)) {
            int port = freePort();
            RedisServer redis = startRedis(port);
            overrides.put("spring.data.redis.host", "127.0.0.1");
            overrides.put("spring.data.redis.port", port);
            application.addInitializers(stoppedLast("embeddedRedis", redis::stop));
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, overrides));
    }

    private static boolean wanted(ConfigurableEnvironment env, String service, InetSocketAddress configured) {
        String mode = env.getProperty("radrelay.embedded." + service, "auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> !answers(configured);
            default -> throw new IllegalArgumentException(
                    "radrelay.embedded." + service + " must be auto, always or never, not " + mode);
        };
    }

    private static EmbeddedPostgres startPostgres(Path dir) {
        try {
            Files.createDirectories(dir);
            // No shutdown hook of its own: it would stop the database while the context is still closing (the event
            // registry reads it then), leaving the JVM's exit to wait out connection timeouts. See stoppedLast.
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).setPort(freePort()).start();
            System.out.println("RadRelay: started embedded PostgreSQL on port " + pg.getPort() + ", data in " + dir);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static RedisServer startRedis(int port) {
        try {
            RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            System.out.println("RadRelay: started embedded Redis on port " + port);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis", e);
        }
    }

    /**
     * Stops the service once the context has destroyed all its beans (disposables go in reverse order of
     * registration, and this one is registered before any bean exists), after the beans that still use it.
     */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> stoppedLast(String name,
            AutoCloseable service) {
        return context -> ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(name, () -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("RadRelay: could not stop an embedded service: " + e);
            }
        });
    }

    private static InetSocketAddress hostPort(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    private static boolean answers(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        // After application.yml has been read, so the configured addresses are known.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
