package com.contactproperties.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The service's own settings; each can be set by an environment variable (CONTACT_PROPERTIES_...). */
@ConfigMapping(prefix = "contact-properties")
public interface AppConfig {

    /** Secret that signs pagination tokens; required in production, the same on every instance. */
    String pageTokenSecret();

    /** Most live property definitions a tenant may have per entity type. */
    @WithDefault("1000")
    int maxDefinitions();

    /** Largest JSON request body, in bytes (413 beyond). CSV uploads have their own limit. */
    @WithDefault("4194304")
    long maxJsonBody();

    /**
     * The service's public base URL (https://contacts.example.com), which 401 answers name in
     * resource_metadata; when unset, the scheme and host the request was sent to.
     */
    Optional<String> publicUrl();

    /** The background task engine. */
    Tasks tasks();

    /** The MCP server at /mcp. */
    Mcp mcp();

    /** Limits of the MCP server. */
    interface Mcp {
        /** Most JSON-RPC messages in one HTTP request to /mcp (a larger batch is refused with a JSON-RPC error). */
        @WithDefault("10")
        int maxBatchMessages();

        /**
         * Origins (scheme://host, or scheme://host:port) whose browser pages may call /mcp; an entry
         * without a port allows every port of it. A request without Origin (not from a browser) is allowed.
         */
        @WithDefault("http://localhost,http://127.0.0.1")
        List<String> allowedOrigins();
    }

    /** CSV imports. */
    Importing importing();

    /** Per-tenant request budgets. */
    RateLimit rateLimit();

    /**
     * Token buckets per tenant, kept by each instance on its own: with N instances a tenant may make
     * up to N times these requests. Each budget is also the largest burst, refilled evenly over its
     * period.
     */
    interface RateLimit {
        /** Whether requests are counted at all. */
        @WithDefault("true")
        boolean enabled();

        /** Reads (GET, HEAD) one tenant may make per period. */
        @WithDefault("200")
        long reads();

        /** Writes (every other method, the POSTs to /mcp included) one tenant may make per period. */
        @WithDefault("50")
        long writes();

        /** The period over which the read and write budgets refill. */
        @WithDefault("PT1S")
        Duration period();

        /** MCP sessions (initialize requests) one tenant may open per {@link #mcpSessionsPeriod()}. */
        @WithDefault("30")
        long mcpSessions();

        /** The period over which the MCP session budget refills. */
        @WithDefault("PT1M")
        Duration mcpSessionsPeriod();

        /** Most tenants whose buckets an instance keeps; beyond it the least recently seen start afresh. */
        @WithDefault("10000")
        int tenants();
    }

    /** Limits of CSV imports. */
    interface Importing {
        /** Largest CSV file, in bytes (413 beyond). */
        @WithDefault("104857600")
        long maxFileBytes();

        /** Most data rows in one file (413 beyond). */
        @WithDefault("1000000")
        int maxRows();

        /** Most columns in one file (422 beyond). */
        @WithDefault("500")
        int maxColumns();

        /** Longest cell, in characters; a longer one is an error of its row. */
        @WithDefault("10000")
        int maxCellLength();

        /** A cell holding exactly this text clears the value; an empty cell leaves it unchanged. */
        @WithDefault("#clear")
        String clearMarker();
    }

    /** Settings of the background task engine. */
    interface Tasks {
        /** Items applied per chunk, each chunk one transaction. */
        @WithDefault("500")
        int chunkSize();

        /** How long a claimed task stays with its worker without a sign of life, in seconds. */
        @WithDefault("30")
        int leaseSeconds();

        /** How often an idle worker looks for tasks, in milliseconds (new tasks also wake it at once). */
        @WithDefault("1000")
        int pollMillis();

        /** Tasks one instance runs at the same time. */
        @WithDefault("4")
        int concurrency();

        /** Tasks one tenant may have running at the same time, across all instances. */
        @WithDefault("2")
        int perTenantLimit();

        /** Whether this instance runs tasks at all. */
        @WithDefault("true")
        boolean enabled();
    }
}
