package com.contactproperties.platform.ratelimit;

import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.ProblemWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts each authenticated request against its tenant's budgets on this instance: reads (GET,
 * HEAD) and writes (the rest, every POST to /mcp included, since a JSON-RPC call may be a writing
 * tool) apart, and the MCP sessions a tenant opens on top. A request within its budget goes on and
 * its answer carries {@code RateLimit-*} headers; one over it is a 429 problem with
 * {@code Retry-After}. The buckets are Bucket4j's, lock-free, so counting never blocks the event
 * loop.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final Budget reads;
    private final Budget writes;
    private final Budget sessions;
    private final ProblemWriter problems;
    private final Cache<String, Buckets> tenants;

    RateLimiter(AppConfig config, ProblemWriter problems) {
        AppConfig.RateLimit limits = config.rateLimit();
        this.enabled = limits.enabled();
        this.reads = new Budget("reads", limits.reads(), limits.period());
        this.writes = new Budget("writes", limits.writes(), limits.period());
        this.sessions = new Budget("new MCP sessions", limits.mcpSessions(), limits.mcpSessionsPeriod());
        this.problems = problems;
        // A tenant unseen for its longest period would find its buckets full again: forgetting it is exact.
        Duration idle = limits.period().compareTo(limits.mcpSessionsPeriod()) > 0
                ? limits.period()
                : limits.mcpSessionsPeriod();
        this.tenants = Caffeine.newBuilder()
                .maximumSize(limits.tenants())
                .expireAfterAccess(idle)
                .build();
    }

    /** Lets the tenant's request go on when its budgets allow it, and answers 429 otherwise. */
    public void admit(RoutingContext context, String tenant) {
        if (!enabled) {
            context.next();
            return;
        }
        Buckets buckets = tenants.get(tenant, t -> new Buckets(reads.bucket(), writes.bucket(), sessions.bucket()));
        HttpServerRequest request = context.request();
        if (opensMcpSession(request) && !take(context, sessions, buckets.sessions())) {
            return;
        }
        boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        if (take(context, read ? reads : writes, read ? buckets.reads() : buckets.writes())) {
            context.next();
        }
    }

    /**
     * Takes a token from the bucket: true with the {@code RateLimit-*} headers set on the answer to
     * come, or false once the request has been answered with a 429.
     */
    private boolean take(RoutingContext context, Budget budget, Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            context.addHeadersEndHandler(ignored -> headers(context.response(), budget, probe));
            return true;
        }
        long retry = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        headers(context.response(), budget, probe).putHeader("Retry-After", String.valueOf(retry));
        problems.answer(
                context,
                new DomainException.TooManyRequests(
                        "The tenant has used its budget of " + budget.limit() + " " + budget.name() + " per "
                                + budget.periodText() + " on this instance: retry in " + retry + " s"));
        return false;
    }

    private static HttpServerResponse headers(HttpServerResponse response, Budget budget, ConsumptionProbe probe) {
        return response.putHeader("RateLimit-Limit", String.valueOf(budget.limit()))
                .putHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()))
                .putHeader("RateLimit-Reset", String.valueOf(seconds(probe.getNanosToWaitForReset())));
    }

    // A session is opened by an initialize, the one POST to /mcp without a session id, or by a GET of
    // the older SSE transport's endpoint.
    private static boolean opensMcpSession(HttpServerRequest request) {
        String path = request.path();
        return request.method() == HttpMethod.POST && path.equals("/mcp") && request.getHeader("Mcp-Session-Id") == null
                || request.method() == HttpMethod.GET && path.equals("/mcp/sse");
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** A budget: {@code limit} requests per {@code period}, which is also the largest burst. */
    private record Budget(String name, long limit, Duration period) {

        Bucket bucket() {
            return Bucket.builder()
                    .addLimit(bandwidth -> bandwidth.capacity(limit).refillGreedy(limit, period))
                    .build();
        }

        String periodText() {
            return period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
        }
    }

    /** One tenant's buckets. */
    private record Buckets(Bucket reads, Bucket writes, Bucket sessions) {}
}
