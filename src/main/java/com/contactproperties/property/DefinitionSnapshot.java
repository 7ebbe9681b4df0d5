package com.contactproperties.property;

import java.util.List;

/**
 * A tenant's live contact definitions as of one definitions version (V12).
 *
 * @param remembered whether an earlier request read them: a statement built from them must then
 *     check that the tenant's definitions are still at {@code version}, and be built again from
 *     current definitions when it finds nothing
 */
public record DefinitionSnapshot(DefinitionIndex index, long version, boolean remembered) {

    /** No definitions, for statements that name no property. */
    public static final DefinitionSnapshot NONE = new DefinitionSnapshot(DefinitionIndex.of(List.of()), 0, false);
}
