package com.contactproperties.importing;

import com.contactproperties.task.TaskHandler;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored rows of an import and the emails its file repeats (V14). Neither statement joins: a
 * task's rows are fresh, so PostgreSQL has no statistics about them, and a join it planned as a
 * nested loop over them was quadratic in the file's size.
 */
@ApplicationScoped
class ImportRepository {

    /** A stored row: its payload, and the later row with the same email (0 when none), which wins. */
    record Item(String payload, int supersededBy) {}

    /** A chunk's rows, and whether no row follows them. */
    record Batch(List<Item> items, boolean last) {}

    /**
     * Records the last row of every email the task's file repeats. One scan of the task's rows and
     * one aggregate (hashed, or sorted past work_mem): linear, whatever the file holds.
     */
    Uni<Void> recordRepeatedEmails(SqlClient tx, String tenantId, String taskId) {
        return tx.preparedQuery("""
            insert into import_repeated_emails (tenant_id, task_id, email_key, last_row)
            select $1, $2, payload ->> 'k', max((payload ->> 'row')::int)
              from task_items where tenant_id = $1 and task_id = $2 and payload ->> 'k' <> ''
             group by payload ->> 'k' having count(*) > 1""").execute(Tuple.of(tenantId, taskId)).replaceWithVoid();
    }

    /**
     * The rows at {@code from}, one more read to tell whether they are the last (as
     * {@code TaskService.items}). The later row of each one's email comes from a scalar subquery,
     * which PostgreSQL runs per row by primary key and never turns into a join.
     */
    Uni<Batch> chunk(SqlClient sql, TaskHandler.ClaimedTask task, int from, int chunkSize) {
        return sql.preparedQuery("""
            select i.payload::text,
                   (select r.last_row from import_repeated_emails r
                     where r.tenant_id = $1 and r.task_id = $2 and r.email_key = i.payload ->> 'k'
                       and r.last_row > (i.payload ->> 'row')::int)
              from task_items i
             where i.tenant_id = $1 and i.task_id = $2 and i.position >= $3
             order by i.position limit $4""")
                .execute(Tuple.of(task.tenantId(), task.id(), from, chunkSize + 1))
                .map(rows -> {
                    List<Item> items = new ArrayList<>(chunkSize);
                    rows.forEach(row -> {
                        if (items.size() < chunkSize) {
                            Integer later = row.getInteger(1);
                            items.add(new Item(row.getString(0), later == null ? 0 : later));
                        }
                    });
                    return new Batch(items, rows.size() <= chunkSize);
                });
    }
}
