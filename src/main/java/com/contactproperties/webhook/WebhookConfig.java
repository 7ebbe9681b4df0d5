package com.contactproperties.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of webhook delivery (CONTACT_PROPERTIES_WEBHOOKS_...). */
@ConfigMapping(prefix = "contact-properties.webhooks")
public interface WebhookConfig {

    /**
     * Allows http URLs and loopback addresses (localhost, 127.0.0.0/8, ::1), for local development and
     * the tests only; every other private, link-local or metadata address stays refused.
     */
    @WithDefault("false")
    boolean allowInsecureUrls();

    /** Whether this instance dispatches and sends deliveries at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often an idle dispatcher and sender look for work. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Longest a delivery attempt may take, connecting included; a slower receiver counts as a failure. */
    @WithDefault("PT10S")
    Duration timeout();

    /** Most bytes of a receiver's answer that are read; a longer answer fails the attempt. */
    @WithDefault("65536")
    int maxResponseBytes();

    /** Attempts per delivery before it is marked failed; with the default backoff, about a day. */
    @WithDefault("13")
    int maxAttempts();

    /** Wait before the first retry; each further retry waits twice as long, up to {@link #retryMax()}. */
    @WithDefault("PT30S")
    Duration retryBase();

    /** Longest wait between two attempts. */
    @WithDefault("PT6H")
    Duration retryMax();

    /** Deliveries one instance sends at the same time. */
    @WithDefault("16")
    int concurrency();

    /** Events one dispatcher transaction turns into deliveries. */
    @WithDefault("1000")
    int dispatchBatch();
}
