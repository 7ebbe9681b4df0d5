package com.contactproperties.api.contacts;

import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.tag.TagService;
import com.contactproperties.tag.TagView;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The tags API of the contacts surface ({@code /v1/tags}): mapping only. */
@Path("/v1/tags")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tags", description = "Labels for organising contacts")
public class TagResource {

    private static final String TAG_EXAMPLE = """
      {"id": "tag_01HV8Y9R3Q4J6A7M8N9P0Q2S4V", "name": "VIP", "createdAt": "2026-04-27T00:00:00Z",
       "createdBy": "usr_01HV8Y3K2R6G7K3F5B9N8M1Q0", "labeledCount": 0}""";

    private final TagService tags;
    private final JsonWebToken token;

    TagResource(TagService tags, JsonWebToken token) {
        this.tags = tags;
        this.token = token;
    }

    @GET
    @PermissionsAllowed("tag:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "tag:list")
    @Operation(operationId = "listTags", summary = "List tags", description = """
      Returns the tenant's tags ordered by name (case-insensitive), each with `labeledCount`, the number of \
      live contacts carrying it. Cursor-paginated: pass `nextPageToken` back as `pageToken`; it is absent on \
      the last page. A token that was altered or issued by another list is a 400, as is a `pageSize` outside \
      1..500.""")
    @APIResponse(
            responseCode = "200",
            description = "A page of tags",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TagApi.TagList.class),
                            examples = @ExampleObject(name = "tags", value = "{\"tags\": [" + TAG_EXAMPLE + "]}")))
    public Uni<TagApi.TagList> list(
            @Parameter(description = "Opaque token from the previous response's `nextPageToken`.") @RestQuery
                    String pageToken,
            @Parameter(
                            description = "Tags per page, 1 to 500 (default 50).",
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .INTEGER))
                    @RestQuery
                    String pageSize) {
        return tags.list(Caller.of(token), PageRequest.of(pageToken, pageSize)).map(TagApi.TagList::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("tag:create")
    @SecurityRequirement(name = "bearerAuth", scopes = "tag:create")
    @Operation(operationId = "createTag", summary = "Create tag", description = """
      Creates a label that can be attached to contacts. The name is trimmed and must be 1 to 100 characters \
      without control characters (422 otherwise); it is unique per tenant regardless of case (409 otherwise). \
      `createdBy` is the caller's user id (the token's `sub`).""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TagApi.CreateTag.class),
                            examples = @ExampleObject(name = "VIP", value = "{\"name\": \"VIP\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Tag created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TagView.class),
                            examples = @ExampleObject(name = "VIP", value = TAG_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The tenant already has a tag of that name")
    @APIResponse(responseCode = "422", description = "The name is empty, too long or has control characters")
    public Uni<RestResponse<TagView>> create(TagApi.CreateTag body) {
        return tags.create(Caller.of(token), TagApi.CreateTag.name(body))
                .map(tag -> RestResponse.ResponseBuilder.<TagView>created(URI.create("/v1/tags/" + tag.id()))
                        .entity(tag)
                        .build());
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}")
    @PermissionsAllowed("tag:delete")
    @SecurityRequirement(name = "bearerAuth", scopes = "tag:delete")
    @Operation(operationId = "deleteTag", summary = "Delete tag", description = """
      Deletes a tag and removes it from every contact. A tag that does not exist, or belongs to another \
      tenant, is a 404.""")
    @APIResponse(responseCode = "204", description = "Tag deleted")
    @APIResponse(responseCode = "404", description = "No such tag in this tenant")
    public Uni<Void> delete(@Parameter(description = "The tag id (`tag_…`).") @RestPath String id) {
        return tags.delete(Caller.of(token), id);
    }
}
