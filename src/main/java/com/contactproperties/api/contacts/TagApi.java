package com.contactproperties.api.contacts;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.tag.TagView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of {@code /v1/tags}. */
final class TagApi {

    private TagApi() {}

    /** A page of tags. */
    @Schema(name = "TagList")
    record TagList(
            List<TagView> tags,

            @Schema(description = "Token of the next page; absent on the last page.", nullable = true)
            String nextPageToken) {

        static TagList of(Page<TagView> page) {
            return new TagList(page.items(), page.nextPageToken());
        }
    }

    /** The body of a tag creation. */
    @Schema(name = "TagCreateRequest")
    record CreateTag(
            @Schema(required = true, description = "1 to 100 characters, trimmed.", example = "VIP")
            String name) {

        /** The requested name; a missing body is a 400. */
        static String name(CreateTag body) {
            if (body == null) {
                throw new DomainException.BadRequest("body", "is required: send {\"name\": \"...\"}");
            }
            return body.name();
        }
    }
}
