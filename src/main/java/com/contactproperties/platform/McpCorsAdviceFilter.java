package com.contactproperties.platform;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the MCP extension's start-up advice to enable the CORS filter: the service validates the
 * {@code Origin} of every /mcp request against its own allow-list instead, answering a foreign one
 * with a 403 problem, which the CORS filter would pre-empt with an empty 403. Every other record passes.
 */
@LoggingFilter(name = "mcp-cors-advice")
public final class McpCorsAdviceFilter implements Filter {

    private static final String ADVICE = "Cross-Origin Resource Sharing (CORS) filter must be enabled";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !message.startsWith(ADVICE);
    }
}
