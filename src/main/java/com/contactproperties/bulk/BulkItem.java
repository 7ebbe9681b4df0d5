package com.contactproperties.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One accepted entry as stored with its task, everything already validated and in stored form:
 * the custom values to set and clear, the contact columns to write (a null value clears), and the
 * folders that replace the contact's, or are added to or removed from them (null: unchanged). Items
 * stored before folders could be added or removed have only {@code folderIds}, which reads the same.
 */
@RegisterForReflection(registerFullHierarchy = true)
record BulkItem(
        int index,
        String contactId,
        String identifier,
        ObjectNode set,
        List<String> cleared,
        Map<String, String> columns,
        List<Long> folderIds,
        List<Long> addFolderIds,
        List<Long> removeFolderIds) {

    static BulkItem of(
            int index,
            String contactId,
            String identifier,
            ObjectNode set,
            List<String> cleared,
            Map<String, String> columns,
            FolderChange folders) {
        return new BulkItem(
                index,
                contactId,
                identifier,
                set,
                cleared,
                columns,
                folders.replace(),
                folders.add(),
                folders.remove());
    }

    FolderChange folders() {
        return new FolderChange(folderIds, addFolderIds, removeFolderIds);
    }

    /** This item followed by a later one for the same contact, as one: the later one wins field by field. */
    BulkItem then(BulkItem later) {
        ObjectNode mergedSet = set.deepCopy();
        LinkedHashSet<String> mergedCleared = new LinkedHashSet<>(cleared);
        later.cleared.forEach(key -> {
            mergedSet.remove(key);
            mergedCleared.add(key);
        });
        later.set.fieldNames().forEachRemaining(mergedCleared::remove);
        mergedSet.setAll(later.set);
        Map<String, String> mergedColumns = new java.util.HashMap<>(columns);
        mergedColumns.putAll(later.columns);
        return of(
                later.index,
                contactId,
                later.identifier,
                mergedSet,
                List.copyOf(mergedCleared),
                mergedColumns,
                folders().then(later.folders()));
    }
}
