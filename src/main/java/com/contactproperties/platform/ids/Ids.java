package com.contactproperties.platform.ids;

import com.github.f4b6a3.ulid.UlidCreator;

/** Opaque, time-ordered identifiers: a type prefix and a ULID, such as {@code tag_01HV8Y9R3Q...}. */
public final class Ids {

    private Ids() {}

    /** A new id with the given prefix (without the underscore). */
    public static String next(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid();
    }
}
