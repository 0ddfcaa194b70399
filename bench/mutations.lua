-- wrk script for bench/mutations.py: one thread and one connection per editor (wrk -t N -c N),
-- each updating its own draft power ($DRAFTS, comma-separated ids) with `Authorization: Bearer
-- $TOKEN`, naming the version its last answer gave. An answer without a version (an error, a
-- conflict) is counted as failed, so that a run of errors cannot pass for a fast run.
local drafts = {}
for id in string.gmatch(os.getenv("DRAFTS"), "[^,]+") do
  drafts[#drafts + 1] = id
end
local token = os.getenv("TOKEN")
local threads = {}
local next_draft = 1

function setup(thread)
  thread:set("draft", drafts[next_draft])
  next_draft = next_draft + 1
  threads[#threads + 1] = thread
end

local UPDATE = "mutation($id: ID!, $v: Int!, $d: String!) { updatePower(id: $id, "
  .. "expectedVersion: $v, input: { duties: $d }) { version } }"

function init(args)
  version = 1
  updated = 0
  failed = 0
  first_failure = ""
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  local body = string.format(
    '{"query":"%s","variables":{"id":"%s","v":%d,"d":"职责说明第%d稿"}}',
    UPDATE, draft, version, version)
  return wrk.format(nil, "/graphql", nil, body)
end

function response(status, headers, body)
  local v = string.match(body, '"version":(%d+)')
  if status == 200 and v and not string.find(body, '"errors"', 1, true) then
    version = tonumber(v)
    updated = updated + 1
  else
    failed = failed + 1
    if first_failure == "" then
      first_failure = status .. " " .. string.sub(body, 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local updated, failed, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    updated = updated + thread:get("updated")
    failed = failed + thread:get("failed")
    if first == "" then
      first = thread:get("first_failure")
    end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("%d draft updates by %d editors in %.1f s: %.0f updates/s, "
    .. "p50 %.1f ms, p99 %.1f ms; %d failed\n", updated, #threads, seconds, updated / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed))
  if failed > 0 then
    io.write("first failure: " .. first .. "\n")
  end
end
