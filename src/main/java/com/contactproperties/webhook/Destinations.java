package com.contactproperties.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a webhook URL to the one address a sender connects to, after checking every address its
 * host stands for ({@link UrlGuard}). The sender connects to that checked address itself, so a
 * name that resolves differently a moment later (DNS rebinding) cannot lead it elsewhere. Nothing
 * here connects to the URL.
 */
@ApplicationScoped
public class Destinations {

    private final UrlGuard guard;
    private final Vertx vertx;

    Destinations(WebhookConfig config, Vertx vertx) {
        this.guard = new UrlGuard(config.allowInsecureUrls());
        this.vertx = vertx;
    }

    /** A checked URL and the address to connect to. */
    public record Destination(UrlGuard.Target target, InetAddress address) {

        /** The Host header's name: an IPv6 literal in brackets. */
        String hostHeader() {
            return target.literal().isPresent() && address instanceof Inet6Address
                    ? "[" + target.host() + "]"
                    : target.host();
        }
    }

    /** The checked destination of a URL, or a 422 naming {@code field} when a webhook may not be sent there. */
    public Uni<Destination> resolve(String field, String url) {
        return Uni.createFrom()
                .item(() -> guard.parse(field, url))
                .flatMap(target -> target.literal()
                        .map(address -> Uni.createFrom().item(new Destination(target, address)))
                        .orElseGet(() -> lookup(target.host()).map(addresses -> {
                            guard.check(field, target.host(), addresses);
                            return new Destination(target, addresses.get(0));
                        })));
    }

    private Uni<List<InetAddress>> lookup(String host) {
        // The JDK's resolver blocks until DNS answers: on a worker thread, never on the event loop.
        return vertx.executeBlocking(
                () -> {
                    try {
                        return List.of(InetAddress.getAllByName(host));
                    } catch (UnknownHostException e) {
                        return List.<InetAddress>of();
                    }
                },
                false);
    }
}
