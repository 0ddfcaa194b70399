-- wrk script: POSTs the GraphQL request in $BODY_FILE, with `Authorization: Bearer $TOKEN`
-- when TOKEN is set. Counts answers that are not 200 so that a run of errors cannot pass for
-- a fast run.
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
