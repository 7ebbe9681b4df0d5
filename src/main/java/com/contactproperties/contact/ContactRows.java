package com.contactproperties.contact;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** The one SELECT list that reads a contact, and its mapping to a {@link ContactView}. */
final class ContactRows {

    /** The tenant's id behind a sub-select, which the planner costs like any other tenant's (see ContactQuery). */
    static final String TENANT_SUB_SELECT = "(select $1::text)";

    /** {@link #select} with the tenant as parameter $1. */
    static final String SELECT = select("$1");

    /** {@link #select} with the tenant as {@link #TENANT_SUB_SELECT}. */
    static final String SELECT_TENANT_SUB_SELECT = select(TENANT_SUB_SELECT);

    /**
     * Columns of {@code contacts c}, {@code tenant} being the SQL expression of the tenant's id.
     * Values of deleted properties awaiting their purge are removed in SQL, by one sub-query the
     * planner runs once per statement.
     */
    /**
     * Seed 003 shows a contact created with a phone holding a whatsapp identity of that number. It is
     * derived when read rather than stored, so that it follows the phone through every write (the REST
     * surfaces, bulk updates, imports, customer upserts) and costs no write: its id is the contact's
     * ULID under the identity prefix, and a stored whatsapp identity of the same number stands for it.
     */
    private static final String PHONE_IDENTITY_ID = "'idn_' || substr(c.id, 5)";

    /** Whether contact {@code c} shows the identity derived from its phone. */
    static final String PHONE_IDENTITY = """
      c.phone is not null and not exists (select 1 from contact_identities w where w.tenant_id = c.tenant_id
        and w.contact_id = c.id and w.channel = 'whatsapp' and w.metadata ->> 'phoneNumber' = c.phone)""";

    private static String select(String tenant) {
        return """
      select c.tenant_id, c.id, c.name, c.email, c.username, c.phone, c.language, c.status_override, c.folder_ids,
             c.created_at, c.updated_at, c.archived_at,
             (c.custom_fields - (select coalesce(array_agg(d.key), '{}') from property_definitions d
                                 where d.tenant_id = %s and d.entity_type = 'contact' and d.deleted_at is not null)
               )::text as custom_fields,
             (select coalesce(json_agg(x.j order by x.k), '[]') from (
                select i.id as k, json_build_object('id', i.id, 'channel', i.channel, 'metadata', i.metadata) as j
                  from contact_identities i where i.tenant_id = c.tenant_id and i.contact_id = c.id
                union all
                select %s, json_build_object('id', %s, 'channel', 'whatsapp', 'metadata', json_build_object('phoneNumber', c.phone))
                 where %s) x)::text as identities,
             c.tag_ids
        from contacts c
      """.formatted(tenant, PHONE_IDENTITY_ID, PHONE_IDENTITY_ID, PHONE_IDENTITY);
    }

    private ContactRows() {}

    /**
     * Reads a row of {@link #SELECT} by column position (a name lookup per cell showed in profiles of
     * the list). The JSON columns stay text: a surface copies them into its answer.
     */
    static ContactView toView(Row row) {
        Instant archivedAt = instant(row.getOffsetDateTime(11));
        String override = row.getString(7);
        return new ContactView(
                row.getString(1),
                row.getString(0),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                override != null ? override : archivedAt != null ? "archived" : "active",
                Arrays.asList(row.getArrayOfLongs(8)),
                row.getString(13),
                Arrays.asList(row.getArrayOfStrings(14)),
                row.getString(12),
                instant(row.getOffsetDateTime(9)),
                instant(row.getOffsetDateTime(10)),
                archivedAt);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
