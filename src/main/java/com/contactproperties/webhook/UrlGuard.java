package com.contactproperties.webhook;

import com.contactproperties.platform.error.DomainException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps webhooks away from the service's own network (server-side request forgery): a URL must be
 * https, and every address its host stands for must be a public unicast one. Pure rules, no I/O:
 * {@link Destinations} resolves names and asks {@link #refusal(InetAddress)} about each address.
 * With {@code allowInsecure} (development and tests only), http and loopback are allowed too.
 */
public final class UrlGuard {

    private static final int MAX_LENGTH = 2048;

    private final boolean allowInsecure;

    public UrlGuard(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    /** A checked URL: where to connect, and the address literal when the host is one. */
    public record Target(
            URI uri, String host, int port, boolean tls, String requestUri, Optional<InetAddress> literal) {

        /** Whether the host is a name that must be resolved before connecting. */
        public boolean needsResolution() {
            return literal.isEmpty();
        }
    }

    /** Parses and checks a URL's form and, for an address literal, the address; a 422 naming {@code field} otherwise. */
    public Target parse(String field, String url) {
        if (url == null || url.isBlank()) {
            throw invalid(field, "is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw invalid(field, "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri = uri(field, url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
            throw invalid(field, "must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(field, "must not hold credentials (user:password@)");
        }
        boolean tls = scheme.equals("https");
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String host = host(field, authority);
        int port = port(field, authority, tls ? 443 : 80);
        Optional<InetAddress> literal = literal(host);
        if (literal.isEmpty() && host.contains(":")) {
            throw invalid(field, "must name a valid host");
        }
        if (literal.isPresent()) {
            check(field, host, List.of(literal.get()));
        } else if (host.equals("localhost") || host.endsWith(".localhost")) {
            if (!allowInsecure) {
                throw invalid(field, "must not point to the service's own machine (" + host + ")");
            }
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(uri, host, port, tls, requestUri, literal);
    }

    /** Refuses the URL when any address of its host is one a webhook may not reach. */
    public void check(String field, String host, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw invalid(field, "has a host that does not resolve (" + host + ")");
        }
        for (InetAddress address : addresses) {
            String refusal = allowInsecure && address.isLoopbackAddress() ? null : refusal(address);
            if (refusal != null) {
                throw invalid(
                        field, "must not point to " + refusal + " (" + host + " is " + address.getHostAddress() + ")");
            }
        }
    }

    /** Why a webhook may not reach an address, or null for a public unicast address. */
    public static String refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? ipv4(toInt(bytes, 0)) : ipv6(bytes);
    }

    private static String ipv4(int a) {
        if (in(a, 0x00000000, 8)) return "an unspecified address (0.0.0.0/8)";
        if (in(a, 0x7f000000, 8)) return "a loopback address";
        if (in(a, 0x0a000000, 8) || in(a, 0xac100000, 12) || in(a, 0xc0a80000, 16)) return "a private address";
        if (in(a, 0x64400000, 10)) return "a shared (carrier-grade NAT) address";
        if (in(a, 0xa9fe0000, 16)) return "a link-local or cloud metadata address";
        if (in(a, 0xc0000000, 24)) return "an IETF protocol address";
        if (in(a, 0xc0000200, 24) || in(a, 0xc6336400, 24) || in(a, 0xcb007100, 24)) return "a documentation address";
        if (in(a, 0xc6120000, 15)) return "a benchmarking address";
        if (in(a, 0xe0000000, 4)) return "a multicast address";
        if (in(a, 0xf0000000, 4)) return "a reserved or broadcast address";
        return null;
    }

    private static String ipv6(byte[] b) {
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ipv4(toInt(b, 12)) == null ? null : "an IPv4-mapped " + ipv4(toInt(b, 12));
        }
        if (zeros(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            return b[15] == 0 ? "an unspecified address (::)" : "a loopback address";
        }
        if (zeros(b, 0, 12)) return "an IPv4-compatible address";
        if (prefix(b, 0x0064ff9b, 32) && zeros(b, 4, 8)) {
            return ipv4(toInt(b, 12)) == null ? null : "a NAT64 form of " + ipv4(toInt(b, 12));
        }
        if (prefix(b, 0x0064ff9b, 32)) return "a local NAT64 address";
        if (prefix(b, 0x20020000, 16)) {
            int embedded = ((b[2] & 0xff) << 24) | ((b[3] & 0xff) << 16) | ((b[4] & 0xff) << 8) | (b[5] & 0xff);
            return ipv4(embedded) == null ? null : "a 6to4 form of " + ipv4(embedded);
        }
        if (prefix(b, 0x20010000, 32)) return "a Teredo tunnel address";
        if (prefix(b, 0x20010db8, 32)) return "a documentation address";
        if (prefix(b, 0x01000000, 16) && zeros(b, 2, 6)) return "a discard-only address";
        if ((b[0] & 0xfe) == 0xfc) return "a unique-local address (fc00::/7, cloud metadata included)";
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) return "a link-local address";
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return "a site-local address";
        if ((b[0] & 0xff) == 0xff) return "a multicast address";
        return null;
    }

    /**
     * The address a host literal stands for: an IPv6 literal, or an IPv4 address in any form the C
     * library's inet_aton reads (127.1, 0x7f.1, 017700000001, 2130706433), which a resolver would
     * otherwise turn into an address behind this check's back.
     */
    static Optional<InetAddress> literal(String host) {
        try {
            if (host.contains(":")) {
                return Optional.of(Inet6Address.getByName(host));
            }
            Optional<byte[]> ipv4 = ipv4Literal(host);
            return ipv4.isEmpty() ? Optional.empty() : Optional.of(InetAddress.getByAddress(host, ipv4.get()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static Optional<byte[]> ipv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return Optional.empty();
        }
        address |= last;
        return Optional.of(
                new byte[] {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address});
    }

    private static Long number(String part) {
        try {
            if (part.isEmpty()) {
                return null;
            }
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return part.chars().allMatch(Character::isDigit) ? Long.parseLong(part) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static URI uri(String field, String url) {
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.isOpaque()) {
                throw invalid(field, "must be an absolute https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(field, "is not a valid URL: " + e.getReason());
        }
    }

    /** The host of an authority as written: java.net.URI leaves it null for forms such as 127.1 or 0x7f.1. */
    private static String host(String field, String authority) {
        String host;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            host = end < 0 ? "" : authority.substring(1, end);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()
                || !host.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || ".-_:".indexOf(c) >= 0))) {
            throw invalid(field, "must name a valid host");
        }
        return host;
    }

    private static int port(String field, String authority, int defaultPort) {
        int colon = authority.lastIndexOf(':');
        int bracket = authority.lastIndexOf(']');
        if (colon < 0 || colon < bracket) {
            return defaultPort;
        }
        String digits = authority.substring(colon + 1);
        if (digits.isEmpty()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field, "has an invalid port '" + digits + "'");
    }

    private static boolean in(int address, int network, int bits) {
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (address & mask) == (network & mask);
    }

    private static boolean prefix(byte[] b, int network, int bits) {
        return in(toInt(b, 0), network, bits);
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException.Invalid(field, message);
    }
}
