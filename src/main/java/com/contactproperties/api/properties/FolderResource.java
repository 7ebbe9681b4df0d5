package com.contactproperties.api.properties;

import com.contactproperties.folder.FolderService;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.security.Caller;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Folders ({@code /api/v1/folders}): seed 001 assigns contacts to folders by numeric id but defines
 * no folder API, so this small one exists. Reading needs {@code contact:list}; changing, {@code contact:update}.
 */
@Path("/api/v1/folders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Folders", description = "Folders that group contacts (folder_ids)")
public class FolderResource {

    private static final String EXAMPLE =
            "{\"id\": 10, \"name\": \"Hot Prospects\", \"created_at\": \"2026-04-30T09:00:00Z\"}";
    private static final String DETAIL_EXAMPLE =
            "{\"id\": 10, \"name\": \"Hot Prospects\", \"created_at\": \"2026-04-30T09:00:00Z\", \"contact_count\": 42}";

    private final FolderService folders;
    private final JsonWebToken token;

    FolderResource(FolderService folders, JsonWebToken token) {
        this.folders = folders;
        this.token = token;
    }

    /** The body of a folder creation. */
    @Schema(name = "FolderCreateRequest")
    record Create(FolderName folder) {}

    /** The folder fields a client sends. */
    @Schema(name = "FolderFields")
    record FolderName(
            @Schema(required = true, example = "Hot Prospects")
            String name) {}

    /** A folder. */
    @Schema(name = "Folder")
    record View(
            long id,
            String name,

            @com.fasterxml.jackson.annotation.JsonProperty("created_at")
            java.time.Instant createdAt) {
        static View of(FolderService.Folder f) {
            return new View(f.id(), f.name(), f.createdAt());
        }
    }

    /** A folder with the number of its contacts. */
    @Schema(name = "FolderDetail")
    record Detail(
            long id,
            String name,

            @com.fasterxml.jackson.annotation.JsonProperty("created_at")
            java.time.Instant createdAt,

            @com.fasterxml.jackson.annotation.JsonProperty("contact_count")
            @Schema(
                    description =
                            "Live, unarchived contacts in the folder: what GET /v1/contacts?folderIds={id} lists.")
            long contactCount) {
        static Detail of(FolderService.Counted c) {
            return new Detail(c.folder().id(), c.folder().name(), c.folder().createdAt(), c.contactCount());
        }
    }

    /** Every folder of the tenant. */
    @Schema(name = "FolderList")
    record All(List<View> folders) {}

    @GET
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(
            operationId = "listFolders",
            summary = "List folders",
            description = "Every folder of the tenant, by name.")
    @APIResponse(
            responseCode = "200",
            description = "Folders",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = All.class),
                            examples = @ExampleObject(name = "folders", value = "{\"folders\": [" + EXAMPLE + "]}")))
    public Uni<All> list() {
        return folders.list(Caller.of(token))
                .map(list -> new All(list.stream().map(View::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(
            operationId = "createFolder",
            summary = "Create a folder",
            description = "Creates a folder with a numeric id; names are unique per tenant ignoring case (409).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Create.class),
                            examples =
                                    @ExampleObject(
                                            name = "folder",
                                            value = "{\"folder\": {\"name\": \"Hot Prospects\"}}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = View.class),
                            examples = @ExampleObject(name = "folder", value = EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Duplicate name")
    @APIResponse(responseCode = "422", description = "Empty or too long name")
    public Uni<RestResponse<View>> create(Create body) {
        if (body == null || body.folder() == null) {
            throw new DomainException.BadRequest("folder", "is required: send {\"folder\": {\"name\": ...}}");
        }
        return folders.create(Caller.of(token), body.folder().name())
                .map(f -> RestResponse.ResponseBuilder.<View>created(URI.create("/api/v1/folders/" + f.id()))
                        .entity(View.of(f))
                        .build());
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "getFolder", summary = "Get a folder", description = """
      One folder with `contact_count`, the live, unarchived contacts in it. The contacts themselves are listed by \
      `GET /v1/contacts?folderIds={id}`.""")
    @APIResponse(
            responseCode = "200",
            description = "The folder",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Detail.class),
                            examples = @ExampleObject(name = "folder", value = DETAIL_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such folder in this tenant")
    public Uni<Detail> get(@RestPath long id) {
        return folders.get(Caller.of(token), id).map(Detail::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(operationId = "renameFolder", summary = "Rename a folder", description = """
      Renames the folder; its id and contacts stay. Names are 1 to 100 characters and unique per tenant ignoring \
      case (409).""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Create.class),
                            examples =
                                    @ExampleObject(
                                            name = "rename",
                                            value = "{\"folder\": {\"name\": \"Hot Prospects\"}}")))
    @APIResponse(
            responseCode = "200",
            description = "Renamed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = View.class),
                            examples = @ExampleObject(name = "folder", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such folder in this tenant")
    @APIResponse(responseCode = "409", description = "Another folder has this name")
    @APIResponse(responseCode = "422", description = "Empty or too long name")
    public Uni<View> rename(@RestPath long id, Create body) {
        return folders.rename(Caller.of(token), id, name(body)).map(View::of);
    }

    private static String name(Create body) {
        if (body == null || body.folder() == null) {
            throw new DomainException.BadRequest("folder", "is required: send {\"folder\": {\"name\": ...}}");
        }
        return body.folder().name();
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}")
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(
            operationId = "deleteFolder",
            summary = "Delete a folder",
            description = "Deletes the folder and removes it from every contact.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such folder in this tenant")
    public Uni<Void> delete(@RestPath long id) {
        return folders.delete(Caller.of(token), id);
    }
}
