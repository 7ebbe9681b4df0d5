# Writes one customer-upsert body of 1,000 subscribers with 5 properties each, half of them
# existing tn_bench_0 contacts (by email) and half new, and the equivalent raw INSERT ... ON CONFLICT.
# Usage: awk -v seed=N -v body=FILE -v sql=FILE -f bench/customer_bodies.awk
BEGIN {
  srand(seed)
  printf "{\"subscribers\": [" > body
  values = ""
  for (i = 0; i < 1000; i++) {
    # Distinct within a body (1733 is prime and does not divide 900000), spread over the tenant.
    if (i % 2 == 0) { email = sprintf("user%d@example.com", (seed * 7919 + i * 1733) % 900000 + 1) }
    else { email = sprintf("new%d_%d@example.com", seed, i) }
    age = 18 + int(rand() * 60)
    printf "%s{\"email\": \"%s\", \"first_name\": \"Ann\", \"last_name\": \"Lee %d\", \"properties\": [" \
      "{\"label\": \"Plan\", \"value\": \"Pro\"}, {\"label\": \"Age\", \"type\": \"integer\", \"value\": %d}," \
      "{\"label\": \"City\", \"value\": \"Krakow\"}, {\"label\": \"VIP\", \"type\": \"boolean\", \"value\": \"yes\"}," \
      "{\"label\": \"Signup\", \"type\": \"date\", \"value\": \"2024-05-0%d\"}]}", (i ? "," : ""), email, i, age, 1 + i % 9 > body
    values = values (i ? "," : "") sprintf("('tn_bench_0', 'con_raw_%d_%d', 'Ann Lee %d', '%s', '{\"plan\": \"Pro\", \"age\": %d, \"city\": \"Krakow\", \"vip\": true, \"signup\": \"2024-05-0%d\"}')", seed, i, i, email, age, 1 + i % 9)
  }
  printf "]}" > body
  printf "insert into contacts (tenant_id, id, name, email, custom_fields) values %s\n", values > sql
  printf "on conflict (tenant_id, lower(email)) where deleted_at is null and email is not null\n" > sql
  printf "do update set name = excluded.name, custom_fields = contacts.custom_fields || excluded.custom_fields, updated_at = now();\n" > sql
}
