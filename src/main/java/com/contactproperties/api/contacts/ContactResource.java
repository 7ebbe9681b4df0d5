package com.contactproperties.api.contacts;

import com.contactproperties.contact.ContactService;
import com.contactproperties.platform.BooleanParam;
import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.security.Caller;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

/** The contacts of the contacts surface ({@code /v1/contacts}, seed 003): mapping only. */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "Customer profiles with identities, tags and custom fields")
public class ContactResource {

    private static final String ID = "The contact id (`con_…`).";

    private final ContactService contacts;
    private final JsonWebToken token;

    ContactResource(ContactService contacts, JsonWebToken token) {
        this.contacts = contacts;
        this.token = token;
    }

    @GET
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "listContacts", summary = "Get contacts", description = """
      Lists contacts, newest first unless `orderBy`/`orderDirection` say otherwise, with keyset pagination \
      (`pageToken` from `nextPageToken`; `pageSize` 1 to 500, default 50; a token is bound to its ordering). \
      Filters combine with AND: `search` (case-insensitive substring of name, email, phone, identity phone and \
      tag name), `customFields[key]=value` (typed: the value is read with the property's type; for list types \
      the contact must hold every item), `customFields[key][op]=value` with `op` one of `eq`, `ne`, `gt`, `gte`, \
      `lt`, `lte` (numbers, dates, text) and `exists` (`true`/`false`), or `customFields={"key": "value"}`; \
      `tagIds`, `folderIds` (numeric, `/api/v1/folders`) and `channels` (any of, repeated or comma-separated), \
      `archived` (omit: not archived), \
      `createdAfter` (inclusive) and `createdBefore` (exclusive). Unknown parameters, properties or operators \
      are a 400.""")
    @Parameter(
            name = "customFields",
            in = ParameterIn.QUERY,
            description = "Custom-field conditions, see above.",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(
            responseCode = "200",
            description = "List of contacts",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.ListView.class),
                            examples =
                                    @ExampleObject(
                                            name = "contacts",
                                            value = "{\"contacts\": [" + ContactApi.EXAMPLE
                                                    + "], \"nextPageToken\": null}")))
    public Uni<ContactApi.ListView> list(
            @Context UriInfo uri,
            @RestQuery String pageToken,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
                    @RestQuery
                    String pageSize,
            @RestQuery String search,
            @Parameter(explode = Explode.TRUE, schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
                    @RestQuery
                    String tagIds,
            @Parameter(
                            explode = Explode.TRUE,
                            description =
                                    "Contacts in any of these folders (numeric ids), repeated or comma-separated.",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = Long.class))
                    @RestQuery
                    String folderIds,
            @Parameter(
                            explode = Explode.TRUE,
                            description = "whatsapp, instagram, messenger, telegram, sms, email or webchat.",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
                    @RestQuery
                    String channels,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String archived,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String createdAfter,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery
                    String createdBefore,
            @Parameter(schema = @Schema(enumeration = {"createdAt", "updatedAt", "name"})) @RestQuery String orderBy,
            @Parameter(schema = @Schema(enumeration = {"asc", "desc"})) @RestQuery String orderDirection) {
        return Uni.createFrom()
                .deferred(() -> contacts.list(
                        Caller.of(token),
                        ContactListParams.parse(uri.getQueryParameters()),
                        PageRequest.of(pageToken, pageSize)))
                .map(ContactApi.ListView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:create")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:create")
    @Operation(operationId = "createContact", summary = "Create contact", description = """
      Creates a contact. Email and username are unique among the tenant's live contacts, ignoring case (409 \
      naming the field and the contact holding it). `phone` is stored in E.164; `customFields` are validated by \
      each property's type, and an unknown property is a 422 naming it. `tagIds` must be tags of the tenant.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.Create.class),
                            examples = @ExampleObject(name = "Anna", value = """
          {"name": "Anna Kowalska", "phone": "+48123456789", "customFields": {"lifecycleStage": "lead", "preferredStore": "Krakow"}}""")))
    @APIResponse(
            responseCode = "201",
            description = "Contact created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.View.class),
                            examples = @ExampleObject(name = "Anna", value = ContactApi.EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Email or username already used by another live contact")
    @APIResponse(
            responseCode = "422",
            description = "A field or custom value is invalid, or names an unknown property or tag")
    public Uni<RestResponse<ContactApi.View>> create(ContactApi.Create body) {
        return Uni.createFrom()
                .deferred(() -> contacts.create(Caller.of(token), ContactApi.Create.of(body)))
                .map(c -> RestResponse.ResponseBuilder.<ContactApi.View>created(URI.create("/v1/contacts/" + c.id()))
                        .entity(ContactApi.View.of(c))
                        .build());
    }

    @GET
    @Path("/count")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "countContacts", summary = "Count contacts", description = """
      The tenant's number of live contacts, independent of list filters; `archived=true` counts the archived \
      bucket, otherwise the others.""")
    @APIResponse(
            responseCode = "200",
            description = "Contact count",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.Count.class),
                            examples = @ExampleObject(name = "count", value = "{\"totalSize\": 0}")))
    public Uni<ContactApi.Count> count(
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String archived) {
        return contacts.count(Caller.of(token), BooleanParam.parse("archived", archived))
                .map(ContactApi.Count::new);
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed("contact:read")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:read")
    @Operation(
            operationId = "getContact",
            summary = "Get contact by ID",
            description = "One contact with identities, tags, custom fields and archive state.")
    @APIResponse(
            responseCode = "200",
            description = "Contact found",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.View.class),
                            examples = @ExampleObject(name = "Anna", value = ContactApi.EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Contact not found")
    public Uni<ContactApi.View> get(@Parameter(description = ID) @RestPath String id) {
        return contacts.get(Caller.of(token), id).map(ContactApi.View::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(operationId = "updateContact", summary = "Update contact", description = """
      Updates the fields sent; fields omitted are left unchanged and `null` clears one. `customFields` merge \
      into the stored values atomically (`null` or "" clears one value); `identities`, when sent, replace the \
      contact's identities. `status` takes `auto`, `optout` or `spam`.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.Patch.class),
                            examples = @ExampleObject(name = "rename", value = "{\"name\": \"order_ready\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Contact updated",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.View.class),
                            examples = @ExampleObject(name = "Anna", value = ContactApi.EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Contact not found")
    @APIResponse(responseCode = "409", description = "Email or username already used by another live contact")
    @APIResponse(responseCode = "422", description = "A field or custom value is invalid")
    public Uni<ContactApi.View> update(@Parameter(description = ID) @RestPath String id, ContactApi.Patch body) {
        return Uni.createFrom()
                .deferred(() -> contacts.change(Caller.of(token), id, ContactApi.Patch.of(body)))
                .map(ContactApi.View::of);
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}")
    @PermissionsAllowed("contact:delete")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:delete")
    @Operation(
            operationId = "deleteContact",
            summary = "Delete contact",
            description = "Soft-deletes a contact: it is 404 everywhere afterwards and frees its email and username.")
    @APIResponse(responseCode = "204", description = "Contact deleted")
    @APIResponse(responseCode = "404", description = "Contact not found")
    public Uni<Void> delete(@Parameter(description = ID) @RestPath String id) {
        return contacts.delete(Caller.of(token), id);
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}/archive")
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(
            operationId = "archiveContact",
            summary = "Archive contact",
            description = "Hides a contact from active lists without deleting its history.")
    @APIResponse(responseCode = "204", description = "Contact archived")
    @APIResponse(responseCode = "404", description = "Contact not found")
    @APIResponse(responseCode = "409", description = "Contact is already archived")
    public Uni<Void> archive(@Parameter(description = ID) @RestPath String id) {
        return contacts.archive(Caller.of(token), id, true);
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}/unarchive")
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(
            operationId = "unarchiveContact",
            summary = "Unarchive contact",
            description = "Restores an archived contact to active lists.")
    @APIResponse(responseCode = "204", description = "Contact unarchived")
    @APIResponse(responseCode = "404", description = "Contact not found")
    @APIResponse(responseCode = "409", description = "Contact is not archived")
    public Uni<Void> unarchive(@Parameter(description = ID) @RestPath String id) {
        return contacts.archive(Caller.of(token), id, false);
    }

    @PUT
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{contactId}/custom-fields/{customFieldId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(operationId = "setContactCustomFieldValue", summary = "Set contact field value", description = """
      Sets or clears one custom field value on a contact, atomically: concurrent writes of other fields are \
      kept. `null` or "" clears the value while keeping the definition. The field may be named by id \
      (`cf_preferred_store`) or any other spelling; an unknown field or contact is a 404, an invalid value a \
      422 that says what the type accepts.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactApi.SetValue.class),
                            examples = @ExampleObject(name = "Krakow", value = "{\"value\": \"Krakow\"}")))
    @APIResponse(responseCode = "204", description = "Contact field value set")
    @APIResponse(responseCode = "404", description = "Contact or custom field not found")
    @APIResponse(responseCode = "422", description = "The value does not fit the field's type")
    public Uni<Void> setValue(
            @Parameter(description = ID) @RestPath String contactId,
            @Parameter(description = "The field id (`cf_…`) or any spelling of its key.") @RestPath
                    String customFieldId,
            ContactApi.SetValue body) {
        return Uni.createFrom()
                .deferred(() ->
                        contacts.setValue(Caller.of(token), contactId, customFieldId, ContactApi.SetValue.of(body)));
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{contactId}/tags/{tagId}")
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(
            operationId = "addContactTag",
            summary = "Add tag to contact",
            description = "Adds a tag to the contact; adding it twice is harmless.")
    @APIResponse(responseCode = "204", description = "Tag added")
    @APIResponse(responseCode = "404", description = "Contact or tag not found")
    public Uni<Void> tag(@Parameter(description = ID) @RestPath String contactId, @RestPath String tagId) {
        return contacts.tag(Caller.of(token), contactId, tagId);
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{contactId}/tags/{tagId}")
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(
            operationId = "removeContactTag",
            summary = "Remove tag from contact",
            description = "Removes a tag from the contact; removing an absent tag is harmless.")
    @APIResponse(responseCode = "204", description = "Tag removed")
    @APIResponse(responseCode = "404", description = "Contact or tag not found")
    public Uni<Void> untag(@Parameter(description = ID) @RestPath String contactId, @RestPath String tagId) {
        return contacts.untag(Caller.of(token), contactId, tagId);
    }
}
