package com.contactproperties.api.contacts;

import com.contactproperties.platform.paging.Page;
import com.contactproperties.task.TaskView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the CSV import endpoints of {@code /v1/contacts} (seed 003). */
public final class ImportApi {

    static final String STATUS_EXAMPLE = """
      {"importId": "import_01HV8Z92S0R7M4E5P6Q8T1A2B3", "status": "completed", "dryRun": false, "totalRows": 1200,
       "successCount": 1194, "failedCount": 6, "createdCount": 1000, "updatedCount": 194, "progressPercentage": 100.0,
       "estimatedCompletionTime": "2026-04-30T09:21:00Z", "createdAt": "2026-04-30T09:20:00Z",
       "errors": [{"row": 17, "column": "phone", "message": "Value '12' of property 'Phone' has an impossible length for a number of country code +48"}]}""";

    static final String SUMMARY_EXAMPLE = """
      {"importId": "import_01HV8Z92S0R7M4E5P6Q8T1A2B3", "status": "completed", "dryRun": false, "totalRows": 1200,
       "successCount": 1194, "failedCount": 6, "createdCount": 1000, "updatedCount": 194, "progressPercentage": 100.0,
       "estimatedCompletionTime": "2026-04-30T09:21:00Z", "createdAt": "2026-04-30T09:20:00Z", "errorCount": 6}""";

    private ImportApi() {}

    /** The multipart form of an upload, for the API description. */
    @Schema(name = "ContactImportForm")
    record Form(
            @Schema(
                    required = true,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    format = "binary",
                    description = "The CSV file")
            String file,

            @Schema(
                    type = SchemaType.BOOLEAN,
                    implementation = Boolean.class,
                    description = "`true`: validate and report, write nothing")
            String dryRun,

            @Schema(
                    type = SchemaType.BOOLEAN,
                    implementation = Boolean.class,
                    description =
                            "`true`: create text properties for unknown columns when the import is accepted (never for a"
                                    + " dry run)")
            String createMissingProperties,

            @Schema(
                    enumeration = {"comma", "semicolon", "tab"},
                    description = "Detected from the header line when omitted")
            String delimiter,

            @Schema(description = "Region of national phone numbers, such as PL")
            String defaultRegion) {}

    /** The answer of an upload. */
    @Schema(name = "ContactImportStarted")
    record Started(
            @Schema(example = "import_01HV8Z92S0R7M4E5P6Q8T1A2B3")
            String importId) {}

    /** One row error: the row as a spreadsheet numbers it (header = 1), the column and the reason. */
    @Schema(name = "ContactImportRowError")
    public record RowError(int row, String column, String message) {}

    /** The progress and first 100 errors of an import. */
    @Schema(name = "ContactImport")
    public record Status(
            String importId,

            @Schema(enumeration = {"pending", "processing", "completed", "failed", "cancelled"})
            String status,

            boolean dryRun,
            int totalRows,
            int successCount,
            int failedCount,
            int createdCount,
            int updatedCount,
            double progressPercentage,
            @Schema(nullable = true) Instant estimatedCompletionTime,
            Instant createdAt,
            List<RowError> errors) {

        public static Status of(TaskView task) {
            return new Status(
                    task.id(),
                    task.status().wire(),
                    task.dryRun(),
                    task.total(),
                    task.succeeded(),
                    task.failed(),
                    task.created(),
                    task.updated(),
                    task.progressPercentage(),
                    task.estimatedCompletionTime(Instant.now()),
                    task.createdAt(),
                    task.errors().stream()
                            .map(e -> new RowError(e.index() == null ? 0 : e.index(), e.column(), e.message()))
                            .toList());
        }
    }

    /** An import as the list shows it: its counts and how many errors it has (read them on the import, or as errors.csv). */
    @Schema(name = "ContactImportSummary")
    public record Summary(
            String importId,

            @Schema(enumeration = {"pending", "processing", "completed", "failed", "cancelled"})
            String status,

            boolean dryRun,
            int totalRows,
            int successCount,
            int failedCount,
            int createdCount,
            int updatedCount,
            double progressPercentage,
            @Schema(nullable = true) Instant estimatedCompletionTime,
            Instant createdAt,

            @Schema(
                    description =
                            "Row errors recorded; GET /v1/contacts/imports/{id} shows the first 100, errors.csv all.")
            int errorCount) {

        static Summary of(TaskView task) {
            return new Summary(
                    task.id(),
                    task.status().wire(),
                    task.dryRun(),
                    task.total(),
                    task.succeeded(),
                    task.failed(),
                    task.created(),
                    task.updated(),
                    task.progressPercentage(),
                    task.estimatedCompletionTime(Instant.now()),
                    task.createdAt(),
                    task.errorCount());
        }
    }

    /** Imports, newest first. */
    @Schema(name = "ContactImportList")
    record ListView(
            List<Summary> imports, @Schema(nullable = true) String nextPageToken) {

        static ListView of(Page<TaskView> page) {
            return new ListView(page.items().stream().map(Summary::of).toList(), page.nextPageToken());
        }
    }
}
