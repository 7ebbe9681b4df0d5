package com.contactproperties.property;

import java.util.List;

/**
 * A tenant's live contact definitions as of one definitions version (V12).
 *
 * @param remembered whether an earlier request read them: a statement built from them must then
 *     hold {@link #stillCurrent(String)}, and be built again from current definitions when it
 *     finds nothing
 */
public record DefinitionSnapshot(DefinitionIndex index, long version, boolean remembered) {

    /** No definitions, for statements that name no property. */
    public static final DefinitionSnapshot NONE = new DefinitionSnapshot(DefinitionIndex.of(List.of()), 0, false);

    /**
     * An SQL condition that holds while the contact definitions of the tenant (an SQL expression) are
     * at this version. It reads one row once per statement, in the statement's own snapshot.
     */
    public String stillCurrent(String tenant) {
        return DefinitionRepository.versionOf(tenant, "'" + EntityType.CONTACT.wire() + "'") + " = " + version;
    }
}
