-- wrk script: POSTs the GraphQL request in $BODY_FILE, with `Authorization: Bearer $TOKEN`
-- when TOKEN is set. Counts answers that are not 200 so that a run of errors cannot pass for
-- a fast run; with COUNT_ERRORS=1 it also reads every body and counts the 200 answers that
-- carry GraphQL errors (which costs wrk some time, so it is off by default).
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

if os.getenv("COUNT_ERRORS") == "1" then
  local threads = {}
  function setup(thread)
    table.insert(threads, thread)
  end
  function init(args)
    errors = 0
  end
  function response(status, headers, body)
    if status == 200 and body and body:find('"errors"', 1, true) then
      errors = errors + 1
    end
  end
  function done(summary, latency, requests)
    local n = 0
    for _, thread in ipairs(threads) do
      n = n + (thread:get("errors") or 0)
    end
    io.write(string.format("GraphQL errors in 200 answers: %d\n", n))
  end
end
