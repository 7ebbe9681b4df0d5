# Writes one bulk-update body of 1,000 entries for tn_bench_0 contacts, touching three custom
# properties and the status, and the equivalent raw UPDATE ... FROM unnest statement.
# Usage: awk -v seed=N -v body=FILE -v sql=FILE -f bench/bulk_bodies.awk
BEGIN {
  srand(seed)
  cities[0] = "Krakow"; cities[1] = "Warsaw"; cities[2] = "Gdansk"
  printf "{\"contacts\": [" > body
  ids = ""; vals = ""; statuses = ""
  for (i = 0; i < 1000; i++) {
    n = 1 + int(rand() * 900000)
    id = sprintf("con_%026d", n)
    age = 18 + int(rand() * 60)
    city = cities[i % 3]
    status = (i % 2 == 0) ? "optout" : "auto"
    printf "%s{\"id\": \"%s\", \"contact\": {\"status\": \"%s\", \"custom_properties\": {\"plan\": \"Pro\", \"age\": %d, \"city\": \"%s\"}}}", \
      (i ? "," : ""), id, status, age, city > body
    ids = ids (i ? "," : "") "'" id "'"
    vals = vals (i ? "," : "") "'{\"plan\": \"Pro\", \"age\": " age ", \"city\": \"" city "\"}'"
    statuses = statuses (i ? "," : "") (status == "optout" ? "'optout'" : "null")
  }
  printf "]}" > body
  printf "update contacts c set custom_fields = c.custom_fields || (u.v)::jsonb, status_override = u.s, updated_at = now()\n" > sql
  printf "from unnest(array[%s], array[%s]::text[], array[%s]::text[]) as u(id, v, s)\n", ids, vals, statuses > sql
  printf "where c.tenant_id = 'tn_bench_0' and c.id = u.id and c.deleted_at is null;\n" > sql
}
