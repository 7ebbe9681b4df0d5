-- wrk request generator for one scenario, chosen by the SCENARIO environment variable.
-- Random ids and search terms stay inside tn_bench_0 (contacts 1 to 900000).
local scenario = os.getenv("SCENARIO")
local token = os.getenv("TOKEN")
local deep = os.getenv("DEEP_TOKEN")
math.randomseed(os.time())

local function id(n)
  return string.format("con_%026d", n)
end

request = function()
  local n = math.random(1, 900000)
  local path
  if scenario == "get_by_id" then
    path = "/v1/contacts/" .. id(n)
  elseif scenario == "list_first_page" then
    path = "/v1/contacts"
  elseif scenario == "filter_one_field" then
    path = "/v1/contacts?customFields%5Bcity%5D=Gdansk"
  elseif scenario == "filter_two_fields" then
    path = "/v1/contacts?customFields%5Bcity%5D=Gdansk&customFields%5Bplan%5D=Pro"
  elseif scenario == "search" then
    path = "/v1/contacts?search=user" .. n .. "%40"
  elseif scenario == "deep_page" then
    path = "/v1/contacts?pageToken=" .. deep
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %s %.1f %.2f %.2f %d %d\n", scenario, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect))
end
