package com.contactproperties.platform.paging;

import com.contactproperties.platform.error.DomainException;

/** The page size and position a list operation was asked for, validated at the edge. */
public record PageRequest(String pageToken, int pageSize) {

    /** Page size when the client names none. */
    public static final int DEFAULT_SIZE = 50;
    /** Largest page a client may ask for. */
    public static final int MAX_SIZE = 500;

    /** The request for the raw query parameters; a size that is not 1..500 is a 400 naming it. */
    public static PageRequest of(String pageToken, String pageSize) {
        return new PageRequest(pageToken == null || pageToken.isBlank() ? null : pageToken, size(pageSize));
    }

    private static int size(String pageSize) {
        if (pageSize == null || pageSize.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(pageSize.strip());
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new DomainException.BadRequest(
                "pageSize", "must be a whole number from 1 to " + MAX_SIZE + ", was '" + pageSize + "'");
    }
}
