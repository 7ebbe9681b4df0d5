package com.contactproperties.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of change events ({@code contact-properties.events.*}). */
@ConfigMapping(prefix = "contact-properties.events")
public interface EventConfig {

    /** How long events are kept for the feed; older ones are purged. */
    @WithDefault("P7D")
    Duration retention();

    /** How often each instance purges the events older than the retention. */
    @WithDefault("PT10M")
    Duration purgeEvery();

    /** Events deleted per purge transaction, so that a purge never holds many locks for long. */
    @WithDefault("5000")
    int purgeBatch();
}
