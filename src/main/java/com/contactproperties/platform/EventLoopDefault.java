package com.contactproperties.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per processor the JVM may use, instead of Vert.x's two. Every request and
 * every database call of the service runs on the event loops without blocking, so more loops than
 * processors only add thread switches (measured in bench/RESULTS.md). {@code QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE} still overrides it:
 * this source ranks below application.properties.
 */
public final class EventLoopDefault implements ConfigSourceFactory {

    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String processors = String.valueOf(Runtime.getRuntime().availableProcessors());
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.vertx.event-loops-pool-size", processors), "event-loop-default", ORDINAL));
    }
}
