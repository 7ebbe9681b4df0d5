package com.contactproperties.api.contacts;

import com.contactproperties.importing.ImportService;
import com.contactproperties.platform.BooleanParam;
import com.contactproperties.platform.csv.SpreadsheetCsv;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** CSV imports of the contacts surface (seed 003): status, list and error report; the upload is {@link Upload}. */
@Path("/v1/contacts/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contact imports", description = "CSV imports running in the background")
public class ImportResource {

    private final TaskService tasks;
    private final JsonWebToken token;

    ImportResource(TaskService tasks, JsonWebToken token) {
        this.tasks = tasks;
        this.token = token;
    }

    @GET
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "listContactImports", summary = "List imports", description = """
      The tenant's imports, newest first, cursor-paginated like the contact list, each with its counts and \
      `errorCount`; its errors are read on the import (the first 100) or as `errors.csv` (all).""")
    @APIResponse(
            responseCode = "200",
            description = "Imports",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.ListView.class),
                            examples =
                                    @ExampleObject(
                                            name = "imports",
                                            value = "{\"imports\": [" + ImportApi.SUMMARY_EXAMPLE
                                                    + "], \"nextPageToken\": null}")))
    public Uni<ImportApi.ListView> list(
            @RestQuery String pageToken,
            @Parameter(
                            name = "pageSize",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "500",
                                            defaultValue = "50"))
                    @RestQuery
                    String pageSize) {
        return tasks.list(Caller.of(token), null, TaskType.IMPORT, PageRequest.of(pageToken, pageSize))
                .map(ImportApi.ListView::of);
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "getContactImport", summary = "Get import status", description = """
      Progress, counts and the first 100 row errors of an import. `row` counts as a spreadsheet does: the \
      header is row 1, the first data row row 2 (blank lines are skipped). The full list is `errors.csv`.""")
    @APIResponse(
            responseCode = "200",
            description = "Import status",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.Status.class),
                            examples = @ExampleObject(name = "status", value = ImportApi.STATUS_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such import in this tenant")
    public Uni<ImportApi.Status> get(@RestPath String id) {
        return importTask(id, TaskService.SHOWN_ERRORS).map(ImportApi.Status::of);
    }

    @GET
    @Path("/{id}/errors.csv")
    @Produces("text/csv")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "downloadContactImportErrors", summary = "Download import errors", description = """
      Every row error as CSV: row, column, message and the original row. A cell that begins with `=`, `+`, `-`, `@`, \
      a tab or a carriage return is written with a single quote in front, quoted, so that a spreadsheet shows it as \
      text instead of running it as a formula (OWASP, CSV injection).""")
    @APIResponse(
            responseCode = "200",
            description = "The errors",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = SchemaType.STRING),
                            examples =
                                    @ExampleObject(
                                            name = "errors",
                                            value =
                                                    "row,column,message,original_row\n17,phone,\"Value '12' ...\",\"Anna,anna@example.com,12\"\n")))
    @APIResponse(responseCode = "404", description = "No such import in this tenant")
    public Multi<String> errors(@RestPath String id) {
        return importTask(id, 0)
                .onItem()
                .transformToMulti(task -> Multi.createBy()
                        .concatenating()
                        .streams(
                                Multi.createFrom().item(csv("row", "column", "message", "original_row")),
                                tasks.allErrors(Caller.of(token), id)
                                        .map(e -> csv(String.valueOf(e.index()), e.column(), e.message(), e.raw()))));
    }

    private Uni<TaskView> importTask(String id, int errors) {
        return tasks.getImport(Caller.of(token), id, errors);
    }

    /** One line of the report; a cell that a spreadsheet would run as a formula is neutralised (see SpreadsheetCsv). */
    private static String csv(String... cells) {
        return SpreadsheetCsv.record(Arrays.asList(cells));
    }

    /** The upload: {@code POST /v1/contacts/import}. */
    @Path("/v1/contacts/import")
    @Tag(name = "Contact imports")
    public static class Upload {

        private final ImportService imports;
        private final JsonWebToken token;

        Upload(ImportService imports, JsonWebToken token) {
            this.imports = imports;
            this.token = token;
        }

        @POST
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        @Produces(MediaType.APPLICATION_JSON)
        @PermissionsAllowed("contact:create")
        @SecurityRequirement(name = "bearerAuth", scopes = "contact:create")
        @Operation(operationId = "importContacts", summary = "Import contacts from CSV", description = """
        Uploads a CSV file (multipart field `file`) and starts a background import; poll the returned id. The file \
        is UTF-8 with or without BOM (anything else is a 400), comma-, semicolon- or tab-separated (detected from \
        the header line unless `delimiter` is given), RFC 4180 quoted. The header names columns: `name`, \
        `first_name`, `last_name`, `email`, `phone`, `username`, `language`, `status`, `tags` (names separated by \
        `,` or `;`, created when missing) and any property by any spelling. An unknown or repeated column, or a \
        header without `email`, `username`, `phone` or a name column, is a 422 at once; `createMissingProperties=true` \
        creates text properties for unknown columns, together with the import: an upload refused for any reason \
        creates none, and a dry run creates none but checks those columns' cells as text. Rows match live contacts \
        by email, then username, and update them or create new ones; a row with any invalid cell is skipped whole and reported; an empty cell leaves a \
        value unchanged and a cell holding `#clear` clears it. Two rows with one email: the later wins and the \
        earlier is reported. `dryRun=true` reports the same errors and writes nothing. `defaultRegion` (such as \
        `PL`) reads national phone numbers. Limits: 100 MiB and 1,000,000 data rows (413), 500 columns, 10,000 \
        characters a cell. The rows are stored before the 202, so the import survives restarts. An \
        `Idempotency-Key` header makes a retry answer the first import id.""")
        @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
                required = true,
                content =
                        @Content(
                                mediaType = MediaType.MULTIPART_FORM_DATA,
                                schema = @Schema(implementation = ImportApi.Form.class),
                                examples =
                                        @ExampleObject(
                                                name = "upload",
                                                summary = "curl -F file=@contacts.csv -F dryRun=false",
                                                value =
                                                        "{\"file\": \"name,email,phone\\nAnna Kowalska,anna@example.com,+48123456789\\n\", \"dryRun\": false}")))
        @APIResponse(
                responseCode = "202",
                description = "Import initiated",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_JSON,
                                schema = @Schema(implementation = ImportApi.Started.class),
                                examples =
                                        @ExampleObject(
                                                name = "import",
                                                value = "{\"importId\": \"import_01HV8Z92S0R7M4E5P6Q8T1A2B3\"}")))
        @APIResponse(responseCode = "413", description = "The file is over 100 MiB or 1,000,000 rows")
        @APIResponse(
                responseCode = "422",
                description = "An empty file, a header only, or an unknown, repeated or missing column")
        public Uni<RestResponse<ImportApi.Started>> upload(
                @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key") @RestHeader("Idempotency-Key")
                        String idempotencyKey,
                // Documented by ImportApi.Form: hidden here, or the two would merge into one schema beside its $ref.
                @Schema(hidden = true) @RestForm("file") FileUpload file,
                @Schema(hidden = true) @RestForm String dryRun,
                @Schema(hidden = true) @RestForm String createMissingProperties,
                @Schema(hidden = true) @RestForm String delimiter,
                @Schema(hidden = true) @RestForm String defaultRegion) {
            if (file == null) {
                throw new DomainException.BadRequest("file", "is required: send the CSV as the multipart field 'file'");
            }
            ImportService.Options options = new ImportService.Options(
                    BooleanParam.parse("dryRun", dryRun),
                    BooleanParam.parse("createMissingProperties", createMissingProperties),
                    delimiter,
                    defaultRegion);
            return imports.start(Caller.of(token), file.uploadedFile(), options, Optional.ofNullable(idempotencyKey))
                    .map(id -> RestResponse.accepted(new ImportApi.Started(id)));
        }
    }
}
