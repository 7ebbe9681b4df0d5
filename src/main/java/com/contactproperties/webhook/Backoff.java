package com.contactproperties.webhook;

/** Exponential backoff between attempts: the base, doubled after each failure, never more than the maximum. */
final class Backoff {

    private Backoff() {}

    /** The wait after a failed attempt, given how many attempts the delivery had made before it. */
    static long delayMillis(WebhookConfig config, int previousAttempts) {
        long base = config.retryBase().toMillis();
        long max = config.retryMax().toMillis();
        int doublings = Math.min(previousAttempts, 40);
        return base > max >> doublings ? max : Math.min(max, base << doublings);
    }
}
