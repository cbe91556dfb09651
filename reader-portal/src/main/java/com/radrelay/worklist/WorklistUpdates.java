package com.radrelay.worklist;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Tells every open worklist, on every application node, that the worklist changed (a study arrived, was claimed,
 * released, signed or reprioritised), over Redis pub/sub. The message names no study and no patient: each page
 * reloads what its reader may see.
 */
@Component
public class WorklistUpdates implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorklistUpdates.class);
    private static final ChannelTopic CHANNEL = new ChannelTopic("rr:worklist-changed");

    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer container;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();

    WorklistUpdates(StringRedisTemplate redis, RedisConnectionFactory connections) {
        this.redis = redis;
        this.container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) -> tellListeners(), CHANNEL);
        container.afterPropertiesSet();
        container.start();
    }

    /** Starts telling {@code listener} of changes; the returned handle stops it. */
    public Runnable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed() {
        redis.convertAndSend(CHANNEL.getTopic(), "changed");
    }

    private void tellListeners() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.debug("A worklist page failed to hear of a change", e);
            }
        }
    }

    @Override
    public void destroy() throws Exception {
        container.destroy();
    }

}
