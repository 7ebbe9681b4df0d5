package com.contactproperties.tag;

import java.time.Instant;

/** A tag as every surface shows it. */
public record TagView(String id, String name, Instant createdAt, String createdBy, long labeledCount) {

    static TagView of(Tag tag, long labeledCount) {
        return new TagView(tag.id, tag.name, tag.createdAt, tag.createdBy, labeledCount);
    }
}
