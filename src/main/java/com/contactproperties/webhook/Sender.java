package com.contactproperties.webhook;

import com.contactproperties.platform.error.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Sends one delivery: checks its URL again (SSRF) right before connecting, POSTs the event signed
 * as Standard Webhooks says, never follows a redirect, reads at most a capped answer, and gives up
 * after the configured timeout. It never fails: every outcome is a status code or an error text.
 */
@ApplicationScoped
class Sender {

    private static final int ERROR_LENGTH = 500;

    /** Why an attempt got no usable answer. */
    static final class AttemptFailure extends RuntimeException {
        AttemptFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** What one attempt got: a status code, or the reason there was none (and a short excerpt of an error answer). */
    record Outcome(Integer statusCode, String error, long durationMillis) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final WebClient client;
    private final Destinations destinations;
    private final WebhookConfig config;

    Sender(Vertx vertx, Destinations destinations, WebhookConfig config) {
        this.destinations = destinations;
        this.config = config;
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        .setUserAgent("contact-properties-webhooks/1")
                        .setVerifyHost(true)
                        .setForceSni(true)
                        .setConnectTimeout((int) config.timeout().toMillis())
                        .setKeepAlive(false));
    }

    Uni<Outcome> send(DeliveryRepository.Outgoing delivery) {
        long started = System.nanoTime();
        long deadline = started + config.timeout().toNanos();
        if (delivery.body() == null) {
            return Uni.createFrom().item(new Outcome(null, "the event is no longer stored (retention)", 0));
        }
        return destinations
                .resolve("url", delivery.url())
                .flatMap(destination -> post(destination, delivery, deadline))
                .ifNoItem()
                .after(config.timeout())
                .failWith(() -> new AttemptFailure(
                        "no answer within " + config.timeout().toSeconds() + " s"))
                .map(response -> outcome(response, started))
                .onFailure()
                .recoverWithItem(failure -> new Outcome(null, reason(failure), millisSince(started)));
    }

    private Uni<HttpResponse<String>> post(
            Destinations.Destination destination, DeliveryRepository.Outgoing delivery, long deadline) {
        UrlGuard.Target target = destination.target();
        long timestamp = Instant.now().getEpochSecond();
        return client.request(
                        HttpMethod.POST,
                        SocketAddress.inetSocketAddress(
                                target.port(), destination.address().getHostAddress()),
                        target.port(),
                        destination.hostHeader(),
                        target.requestUri())
                .ssl(target.tls())
                .followRedirects(false)
                .idleTimeout(config.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", delivery.eventId())
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader(
                        "webhook-signature",
                        Signatures.sign(delivery.secret(), delivery.eventId(), timestamp, delivery.body()))
                .as(new BodyCodec<String>(new CappedBody(config.maxResponseBytes(), deadline)))
                .sendBuffer(Buffer.buffer(delivery.body()));
    }

    private static Outcome outcome(HttpResponse<String> response, long started) {
        int status = response.statusCode();
        String error = null;
        if (status >= 300 && status < 400) {
            error = "redirects are not followed (Location: " + response.getHeader("location") + ")";
        } else if (status < 200 || status >= 300) {
            error = response.body() == null || response.body().isBlank()
                    ? "HTTP " + status
                    : "HTTP " + status + ": " + response.body();
        }
        return new Outcome(status, error == null ? null : cut(error), millisSince(started));
    }

    private static String reason(Throwable failure) {
        if (failure instanceof AttemptFailure || failure instanceof DomainException) {
            return cut(failure.getMessage());
        }
        if (failure instanceof TimeoutException) {
            return "no answer within the timeout";
        }
        String message = failure.getMessage();
        return message == null ? "the connection failed" : cut("the connection failed: " + message);
    }

    private static String cut(String text) {
        return text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH) + "…";
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
