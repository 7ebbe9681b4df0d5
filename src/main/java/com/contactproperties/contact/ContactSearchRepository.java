package com.contactproperties.contact;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionSnapshot;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.property.PropertyType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Contact lists and counts: turns a {@link ContactFilter} into one statement whose every condition
 * an index serves. Custom-field conditions use the (tenant, custom_fields) GIN index through
 * containment and key existence, search the trigram index on the derived search text, tags and
 * channels their own indexes, and the keyset position the index of the ordering. Every value is a
 * bound parameter of its own type; the statement's text depends only on the filter's shape.
 */
@ApplicationScoped
class ContactSearchRepository {

    /** The tenant's id behind a sub-select, which the planner costs like any other tenant's. */
    private static final String TENANT_SUB_SELECT = "(select $1::text)";

    /** The contacts that match, as views, in the filter's order. */
    Uni<List<ContactView>> list(
            SqlClient sql,
            String tenantId,
            DefinitionSnapshot definitions,
            ContactFilter filter,
            List<Object> after,
            int limit,
            Statistics statistics) {
        // Built inside the Uni, so that a filter the definitions refuse is a failure of it.
        return Uni.createFrom()
                .item(() -> Statement.list(tenantId, definitions, filter, after, limit, statistics))
                .flatMap(statement -> sql.preparedQuery(statement.sql()).execute(Tuple.wrap(statement.parameters())))
                .map(rows -> {
                    List<ContactView> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(ContactRepository.toView(row)));
                    return items;
                });
    }

    /** How many contacts match the filter, counting no further than {@code cap}. */
    Uni<Long> count(SqlClient sql, String tenantId, DefinitionIndex definitions, ContactFilter filter, int cap) {
        return Uni.createFrom()
                .item(() -> Statement.count(tenantId, definitions, filter, cap))
                .flatMap(statement -> sql.preparedQuery(statement.sql()).execute(Tuple.wrap(statement.parameters())))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The tenants whose share of the contacts is at least {@code share}, per the last ANALYZE. */
    Uni<Set<String>> largeTenants(SqlClient sql, double share) {
        return strings(sql, """
        select u.tenant_id from pg_stats s, unnest(s.most_common_vals::text::text[], s.most_common_freqs) as u(tenant_id, share)
         where s.schemaname = current_schema() and s.tablename = 'contacts' and s.attname = 'tenant_id' and u.share >= $1""", share);
    }

    /** The search-text trigrams at least {@code share} of the contacts hold, per the last ANALYZE (V13). */
    Uni<Set<String>> commonTrigrams(SqlClient sql, double share) {
        // The element frequencies carry three more numbers after one per element, which unnest pairs with nothing.
        return strings(sql, """
        select u.trigram from pg_stats_ext_exprs s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(trigram, share)
         where s.schemaname = current_schema() and s.statistics_name = 'contacts_search_trigrams' and u.trigram is not null
           and u.share >= $1""", share);
    }

    private static Uni<Set<String>> strings(SqlClient sql, String statement, double share) {
        return sql.preparedQuery(statement).execute(Tuple.of(share)).map(rows -> {
            Set<String> values = new HashSet<>();
            rows.forEach(row -> values.add(row.getString(0)));
            return Set.copyOf(values);
        });
    }

    /**
     * What {@link SearchStatistics} say about the tenant and the search text.
     *
     * @param largeTenant whether the tenant holds half of all contacts or more
     * @param commonTrigrams the search-text trigrams that many contacts hold
     */
    record Statistics(boolean largeTenant, Set<String> commonTrigrams) {
        static final Statistics NONE = new Statistics(false, Set.of());
    }

    /** One statement of a list or a count, with its parameters. */
    static final class Statement {

        private final List<Object> parameters = new ArrayList<>();
        private final List<String> conditions = new ArrayList<>();
        private final DefinitionIndex definitions;
        private final ObjectNode contained = JsonNodeFactory.instance.objectNode();
        private String select = ContactRepository.SELECT;
        private String suffix = "";
        /** Whether a parameter whose value sways the plan is bound (see {@link #planOnce}). */
        private boolean swayed;

        private Statement(String tenantId, DefinitionIndex definitions) {
            this.definitions = definitions;
            parameters.add(tenantId);
            conditions.add("c.tenant_id = $1");
            conditions.add("c.deleted_at is null");
        }

        /**
         * The statement listing up to {@code limit} contacts after the keyset position {@code after}
         * (sort value, id), a search costed by {@code statistics}. Built from remembered definitions, it
         * finds nothing once they are out of date.
         */
        static Statement list(
                String tenantId,
                DefinitionSnapshot definitions,
                ContactFilter filter,
                List<Object> after,
                int limit,
                Statistics statistics) {
            Statement statement = new Statement(tenantId, definitions.index());
            statement.filter(filter, statistics);
            boolean generic = !statement.swayed;
            if (generic) {
                statement.planOnce();
            }
            if (definitions.remembered()) {
                statement.conditions.add(statement.definitionsVersion(generic) + " = "
                        + statement.bind(definitions.version()) + "::bigint");
            }
            if (after != null) {
                statement.conditions.add("(" + column(filter.orderBy()) + ", c.id) " + (filter.descending() ? "<" : ">")
                        + " (" + statement.bind(after.get(0)) + ", " + statement.bind(after.get(1)) + ")");
            }
            statement.order(filter, limit, generic);
            return statement;
        }

        /**
         * The statement counting the contacts that match the filter, up to {@code cap}: a count stops
         * there so that a broad filter over a large tenant costs no more than reading {@code cap} rows.
         */
        static Statement count(String tenantId, DefinitionIndex definitions, ContactFilter filter, int cap) {
            Statement statement = new Statement(tenantId, definitions);
            statement.filter(filter, Statistics.NONE);
            statement.select = "select count(*) from (select 1 from contacts c";
            statement.suffix = " limit " + statement.bind(cap) + ") matching";
            return statement;
        }

        String sql() {
            return select + " where " + String.join(" and ", conditions) + suffix;
        }

        List<Object> parameters() {
            return parameters;
        }

        /**
         * Shapes a statement whose plan no value sways (only the tenant and custom-field operands are
         * bound) so that PostgreSQL keeps one generic plan for it per connection and filter shape:
         * behind a sub-select the tenant is costed like any other (a tenant's size made it plan every
         * call anew, which cost as much as running the page), the deleted-properties sub-query takes the
         * tenant the same way, and the keyset position only narrows the walk of the index.
         */
        private void planOnce() {
            select = ContactRepository.SELECT_TENANT_SUB_SELECT;
            conditions.set(0, "c.tenant_id = " + TENANT_SUB_SELECT);
        }

        /** The tenant's contact definitions version (V12), read once per statement in its own snapshot. */
        private String definitionsVersion(boolean generic) {
            return "coalesce((select v.version from property_definition_versions v where v.tenant_id = "
                    + (generic ? TENANT_SUB_SELECT : "$1") + " and v.entity_type = 'contact'), 0)";
        }

        /**
         * Orders by the filter's column and id. A bound limit keeps the plans of search, tag, channel and
         * date filters per call (their values sway them): priced with an unknown limit, the generic plan
         * never wins; a generic statement's limit is the page size, a number of the service's paging.
         */
        private void order(ContactFilter filter, int limit, boolean generic) {
            String direction = filter.descending() ? " desc" : " asc";
            suffix = " order by " + column(filter.orderBy()) + direction + ", c.id" + direction + " limit "
                    + (generic ? String.valueOf(limit) : bind(limit));
        }

        private static String column(ContactFilter.Order order) {
            return switch (order) {
                case CREATED_AT -> "c.created_at";
                case UPDATED_AT -> "c.updated_at";
                case NAME -> "c.name";
            };
        }

        private void filter(ContactFilter filter, Statistics statistics) {
            conditions.add(
                    Boolean.TRUE.equals(filter.archived()) ? "c.archived_at is not null" : "c.archived_at is null");
            if (filter.createdAfter() != null) {
                conditions.add("c.created_at >= " + bindSwaying(ContactRepository.utc(filter.createdAfter())));
            }
            if (filter.createdBefore() != null) {
                conditions.add("c.created_at < " + bindSwaying(ContactRepository.utc(filter.createdBefore())));
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                search(filter.search(), statistics);
            }
            if (filter.tagIds() != null && !filter.tagIds().isEmpty()) {
                conditions.add("c.tag_ids && " + bindSwaying(filter.tagIds().toArray(String[]::new)) + "::text[]");
            }
            if (filter.channels() != null && !filter.channels().isEmpty()) {
                channels(filter.channels());
            }
            if (filter.folderIds() != null && !filter.folderIds().isEmpty()) {
                conditions.add(
                        "c.folder_ids && " + bindSwaying(filter.folderIds().toArray(Long[]::new)) + "::bigint[]");
            }
            if (filter.emailDomain() != null && !filter.emailDomain().isBlank()) {
                String domain = ContactSearchRules.likeEscaped(
                        filter.emailDomain().strip().toLowerCase(Locale.ROOT));
                conditions.add("lower(c.email) like " + bindSwaying("%@" + domain));
            }
            customFields(filter);
        }

        private void search(String search, Statistics statistics) {
            String term = search.strip().toLowerCase(Locale.ROOT);
            String rare = ContactSearchRules.rarePart(term, statistics.commonTrigrams());
            if (rare != null) {
                // First, so that the index reads the rare part's lists before it checks the common trigrams' ones.
                conditions.add("c.search_text like " + bindSwaying("%" + rare + "%"));
            }
            String escaped = ContactSearchRules.likeEscaped(term);
            conditions.add("c.search_text like " + bindSwaying("%" + escaped + "%"));
            if (statistics.largeTenant() && escaped.codePointCount(0, escaped.length()) >= 3) {
                // The trigram index then reads the term's trigrams only, not also the tenant's key, whose list
                // spans most of the table; the tenant is checked on the rows found. (A term of fewer than three
                // characters has no trigram, and keeps the tenant's own indexes.)
                conditions.set(0, "c.tenant_id || '' = $1");
            }
        }

        private void channels(List<String> channels) {
            String stored =
                    "exists (select 1 from contact_identities i where i.tenant_id = c.tenant_id and i.contact_id = c.id"
                            + " and i.channel = any(" + bindSwaying(channels.toArray(String[]::new)) + "))";
            // A contact's phone is its whatsapp identity too (ContactRepository.PHONE_IDENTITY).
            conditions.add(channels.contains("whatsapp") ? "(" + stored + " or c.phone is not null)" : stored);
        }

        private void customFields(ContactFilter filter) {
            if (filter.customFields() != null) {
                filter.customFields().forEach(this::customField);
            }
            if (!contained.isEmpty()) {
                // One containment for every equality: PostgreSQL estimates each @> at a fixed selectivity,
                // so separate conditions multiply into an estimate of almost no rows and a poor plan.
                conditions.add("c.custom_fields @> " + bind(contained.toString()) + "::text::jsonb");
            }
        }

        private void customField(ContactFilter.Condition condition) {
            String field = ContactSearchRules.field(condition);
            PropertyDefinition definition = ContactSearchRules.definition(definitions, condition);
            String operator = ContactSearchRules.operator(condition);
            if (definition.predefined()) {
                predefinedField(definition, operator, condition.value(), field);
                return;
            }
            if (operator.equals("exists")) {
                boolean exists = ContactSearchRules.exists(condition.value(), field);
                conditions.add((exists ? "" : "not ") + "c.custom_fields ? " + bind(definition.key()) + "::text");
                return;
            }
            JsonNode operand = ContactSearchRules.operand(definition, condition.value(), field);
            switch (operator) {
                case "eq" -> contained.set(definition.key(), operand);
                case "ne" ->
                    conditions.add(
                            "not c.custom_fields @> " + bind(containment(definition, operand)) + "::text::jsonb");
                default -> range(definition, operator, operand, field);
            }
        }

        private void range(PropertyDefinition definition, String operator, JsonNode operand, String field) {
            ContactSearchRules.requireOrdered(definition, operator, field);
            String sign = switch (operator) {
                case "gt" -> ">";
                case "gte" -> ">=";
                case "lt" -> "<";
                default -> "<=";
            };
            String key = bind(definition.key()) + "::text";
            String value = definition.type() == PropertyType.NUMBER
                    ? "case when jsonb_typeof(c.custom_fields -> " + key + ") = 'number' then (c.custom_fields ->> "
                            + key + ")::numeric end " + sign + " " + bind(operand.decimalValue()) + "::numeric"
                    : "(c.custom_fields ->> " + key + ") " + sign + " " + bind(operand.asText()) + "::text";
            conditions.add("(c.custom_fields ? " + key + " and " + value + ")");
        }

        private void predefinedField(PropertyDefinition definition, String operator, String value, String field) {
            String column = "c." + definition.key();
            switch (operator) {
                case "exists" ->
                    conditions.add(column + (ContactSearchRules.exists(value, field) ? " is not null" : " is null"));
                case "eq" ->
                    conditions.add("lower(" + column + ") = lower(" + operandOf(definition, value, field) + ")");
                case "ne" ->
                    conditions.add("lower(" + column + ") is distinct from lower(" + operandOf(definition, value, field)
                            + ")");
                default ->
                    throw new DomainException.BadRequest(
                            field, "'" + operator + "' does not apply to " + definition.key());
            }
        }

        private String operandOf(PropertyDefinition definition, String value, String field) {
            return bind(ContactSearchRules.operand(definition, value, field).asText()) + "::text";
        }

        /** The JSON a matching contact contains: the value itself, or for list types every listed item. */
        private static String containment(PropertyDefinition definition, JsonNode operand) {
            return JsonNodeFactory.instance
                    .objectNode()
                    .set(definition.key(), operand)
                    .toString();
        }

        private String bind(Object value) {
            parameters.add(value);
            return "$" + parameters.size();
        }

        private String bindSwaying(Object value) {
            swayed = true;
            return bind(value);
        }
    }
}
