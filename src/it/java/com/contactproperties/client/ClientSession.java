package com.contactproperties.client;

import com.contactproperties.client.api.ContactPropertiesApi;
import com.contactproperties.client.api.ContactsApi;
import com.contactproperties.client.model.ContactPropertyFields;
import com.contactproperties.client.model.ContactPropertyFields.PropertyTypeEnum;
import com.contactproperties.client.model.ContactPropertyRequest;
import com.contactproperties.support.Tokens;
import java.util.List;
import java.util.Map;

/** A generated client for a tenant of its own, with a token holding every scope of the product. */
record ClientSession(ApiClient client) {

    /** One value of each of the ten property types, by slug, as a consumer sends them. */
    static final Map<String, Object> VALUES = Map.of(
            "note",
            "Krakow",
            "score",
            42,
            "renewal",
            "2026-04-30",
            "billing-email",
            "ann@example.com",
            "office-phone",
            "+48123456789",
            "website",
            "https://example.com",
            "vip",
            true,
            "interests",
            List.of("golf", "jazz"),
            "plan",
            "Pro",
            "channels-used",
            List.of("sms", "email"));

    /** The same values as the contacts surface shows them, keyed in lowerCamelCase. */
    static final Map<String, Object> CAMEL_VALUES = Map.of(
            "note",
            "Krakow",
            "score",
            42,
            "renewal",
            "2026-04-30",
            "billingEmail",
            "ann@example.com",
            "officePhone",
            "+48123456789",
            "website",
            "https://example.com",
            "vip",
            true,
            "interests",
            List.of("golf", "jazz"),
            "plan",
            "Pro",
            "channelsUsed",
            List.of("sms", "email"));

    private static final String SCOPES =
            "contact:list contact:create contact:read contact:update contact:delete tag:list "
                    + "tag:create tag:delete custom_field:list custom_field:create custom_field:update custom_field:delete";

    static ClientSession of(String baseUri) {
        String token = Tokens.token(Tokens.newTenant(), SCOPES.split(" "));
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new ClientSession(client);
    }

    ContactsApi contacts() {
        return new ContactsApi(client);
    }

    /** Creates the properties of {@link #VALUES} on {@code /api/v1}, one of each type. */
    void createPropertyOfEachType() throws ApiException {
        ContactPropertiesApi properties = new ContactPropertiesApi(client);
        create(properties, "Note", PropertyTypeEnum.TEXT, null);
        create(properties, "Score", PropertyTypeEnum.NUMBER, null);
        create(properties, "Renewal", PropertyTypeEnum.DATE, null);
        create(properties, "Billing email", PropertyTypeEnum.EMAIL, null);
        create(properties, "Office phone", PropertyTypeEnum.PHONE, null);
        create(properties, "Website", PropertyTypeEnum.URL, null);
        create(properties, "VIP", PropertyTypeEnum.BOOLEAN, null);
        create(properties, "Interests", PropertyTypeEnum.LIST, null);
        create(properties, "Plan", PropertyTypeEnum.SINGLE_CHOICE, List.of("Free", "Pro"));
        create(properties, "Channels used", PropertyTypeEnum.MULTIPLE_CHOICE, List.of("sms", "email", "phone"));
    }

    private static void create(
            ContactPropertiesApi properties, String title, PropertyTypeEnum type, List<String> choices)
            throws ApiException {
        properties.createContactProperty(new ContactPropertyRequest()
                .contactProperty(new ContactPropertyFields()
                        .title(title)
                        .propertyType(type)
                        .choices(choices)));
    }
}
