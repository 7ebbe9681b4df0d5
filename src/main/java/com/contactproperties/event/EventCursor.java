package com.contactproperties.event;

import com.contactproperties.platform.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in a tenant's feed: the writing transaction's id and the event's sequence number,
 * the order events become visible in. Not signed: it only positions a reader within its own
 * tenant's events, and it must stay valid across restarts and secret rotations for consumers that
 * resume days later.
 */
public record EventCursor(String txid, long seq) {

    /** Before every event. */
    public static final EventCursor START = new EventCursor("0", 0);

    /** The opaque text of this position. */
    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((txid + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; null or blank is the start; anything else is a 400 naming {@code field}. */
    public static EventCursor decode(String text, String field) {
        if (text == null || text.isBlank()) {
            return START;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            long txid = Long.parseUnsignedLong(plain.substring(0, colon));
            long seq = Long.parseLong(plain.substring(colon + 1));
            if (seq < 0) {
                throw new IllegalArgumentException("negative sequence");
            }
            return new EventCursor(Long.toUnsignedString(txid), seq);
        } catch (RuntimeException e) {
            throw new DomainException.BadRequest(field, "is not a cursor this feed issued");
        }
    }
}
