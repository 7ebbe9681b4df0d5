package com.contactproperties.platform.paging;

import com.contactproperties.platform.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident keyset cursors. A token carries the sort values of the last row of a page
 * and the name of the list it belongs to, signed with HMAC-SHA256; anything altered, truncated or
 * taken from another list is refused as a bad {@code pageToken}.
 */
public final class PageToken {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final char SEPARATOR = '\u001f';
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;

    /** A signer with the configured secret. */
    public PageToken(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The token for a page that ended on a row with the given sort values. */
    public String encode(String list, List<String> values) {
        byte[] payload =
                (list + SEPARATOR + String.join(String.valueOf(SEPARATOR), values)).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The sort values a token carries, or a 400 naming {@code pageToken} when it is not genuine. */
    public List<String> decode(String list, String token, int arity) {
        try {
            int dot = token.indexOf('.');
            if (dot < 0) {
                throw invalid();
            }
            byte[] payload = DECODER.decode(token.substring(0, dot));
            if (!MessageDigest.isEqual(mac(payload), DECODER.decode(token.substring(dot + 1)))) {
                throw invalid();
            }
            List<String> parts =
                    Arrays.asList(new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1));
            if (parts.size() != arity + 1 || !parts.get(0).equals(list)) {
                throw invalid();
            }
            return parts.subList(1, parts.size());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static DomainException.BadRequest invalid() {
        return new DomainException.BadRequest("pageToken", "is not a token this list issued; start again without it");
    }
}
