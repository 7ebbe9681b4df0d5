package com.contactproperties.api.mcp;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The Origin allow-list of /mcp: exact origins, or a scheme and host whose every port is allowed. */
final class McpOrigins {

    private final List<String> allowed;

    McpOrigins(List<String> allowed) {
        this.allowed = allowed.stream()
                .map(o -> o.strip().replaceAll("/+$", "").toLowerCase(Locale.ROOT))
                .filter(o -> !o.isEmpty())
                .toList();
    }

    /** Whether a request with this Origin header may reach the MCP server; none at all is not a browser's cross-site call. */
    boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String normalised = origin.strip().toLowerCase(Locale.ROOT);
        if (allowed.contains(normalised)) {
            return true;
        }
        try {
            URI uri = URI.create(normalised);
            return uri.getHost() != null && allowed.contains(uri.getScheme() + "://" + uri.getHost());
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
    }

    /** The origin as an error may quote it: cut to 100 characters. */
    static String shown(String origin) {
        return origin.length() <= 100 ? origin : origin.substring(0, 100) + "…";
    }
}
