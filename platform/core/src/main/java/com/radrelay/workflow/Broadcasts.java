package com.radrelay.workflow;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Short messages to every application node (Redis pub/sub), for pages that must follow what happens on other
 * nodes. At most once, never stored: a node that is down misses them, which is fine for refreshing pages. Messages
 * carry ids, never patient data.
 */
@Component
public class Broadcasts implements DisposableBean {

    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    Broadcasts(StringRedisTemplate redis, RedisConnectionFactory connections) {
        this.redis = redis;
        container.setConnectionFactory(connections);
        container.afterPropertiesSet();
        container.start();
    }

    public void send(String channel, String message) {
        redis.convertAndSend(channel, message);
    }

    /** Hands every message of {@code channel} to {@code receiver}, on a listener thread, while this node runs. */
    public void listen(String channel, Consumer<String> receiver) {
        MessageListener listener = (message, pattern) ->
                receiver.accept(new String(message.getBody(), StandardCharsets.UTF_8));
        container.addMessageListener(listener, new ChannelTopic(channel));
    }

    @Override
    public void destroy() throws Exception {
        container.destroy();
    }
}
